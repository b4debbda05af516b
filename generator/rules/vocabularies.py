"""Vocabularies are the one source of truth: codes unique, groups known, the plan's
categories flagged for gifts and training, and the schemas' code lists in step."""
from __future__ import annotations

from ..ledger import Context, Ledger
from ..registry import TYPES


def _enum(schemas, schema_name: str, path: tuple) -> list:
    node = schemas.raw[f"{schema_name}.schema.json"]
    for key in path:
        node = node[key]
    return node


def check_ledger(ledger: Ledger, context: Context) -> list:
    found = []
    for vocabulary in ledger.of("vocabulary").values():
        data = vocabulary.data
        groups = {group["code"] for group in data.get("groups", [])}
        codes = {item["code"] for item in data["items"]}
        seen = set()
        for i, item in enumerate(data["items"]):
            if item["code"] in seen:
                found.append(vocabulary.diagnostic(("items", i, "code"), "VOCAB_DUPLICATE",
                             f"mã '{item['code']}' đã có ở trên: mỗi mã chỉ xuất hiện một lần"))
            seen.add(item["code"])
            if "group" in item and item["group"] not in groups:
                found.append(vocabulary.diagnostic(("items", i, "group"), "VOCAB_GROUP",
                             f"nhóm '{item['group']}' không có trong groups: chọn một trong {', '.join(sorted(groups)) or '(chưa có nhóm)'}"))
            if "maps_to" in item and item["maps_to"] not in codes:
                found.append(vocabulary.diagnostic(("items", i, "maps_to"), "REF_UNKNOWN",
                             f"không có mục '{item['maps_to']}' trong danh mục này"))
            if vocabulary.id == "support-categories":
                missing = [flag for flag in ("group", "gift", "training") if flag not in item]
                if missing:
                    found.append(vocabulary.diagnostic(("items", i), "VOCAB_FLAGS",
                                 f"nội dung hỗ trợ '{item['code']}' thiếu {', '.join(missing)}: "
                                 "mỗi nội dung phải thuộc một nhóm và ghi rõ gift, training là true hay false"))
    found.extend(_schema_sync(ledger, context.schemas))
    return found


def _schema_sync(ledger: Ledger, schemas) -> list:
    found = []
    for record_type in TYPES.values():
        for code_list in record_type.code_lists:
            found.extend(_in_step(ledger, schemas, record_type.name, code_list.vocabularies, code_list.path))
    return found


def _in_step(ledger: Ledger, schemas, schema_name: str, names: tuple, path: tuple) -> list:
    """The schema's code list holds exactly the codes of the vocabularies `names`."""
    found: list = []
    record = ledger.get("vocabulary", names[0])
    if record is not None:
        codes = [code for name in names for code in ledger.vocabulary(name)]
        enum = _enum(schemas, schema_name, path)
        if set(codes) != set(enum):
            extra, missing = sorted(set(codes) - set(enum)), sorted(set(enum) - set(codes))
            found.append(record.diagnostic(("items",), "VOCAB_SCHEMA",
                         f"danh mục và schemas/{schema_name}.schema.json không khớp (thiếu trong lược đồ: "
                         f"{', '.join(extra) or 'không'}; thừa trong lược đồ: {', '.join(missing) or 'không'}): "
                         "hãy sửa danh sách enum trong lược đồ cho trùng với danh mục"))
    return found
