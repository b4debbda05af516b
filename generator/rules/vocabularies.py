"""Vocabularies are the one source of truth: codes unique, groups known, the plan's
categories flagged for gifts and training, and the schemas' code lists in step."""
from __future__ import annotations

from typing import Any

from ..catalogue import severity
from ..diagnostics import Diagnostic
from ..ledger import Context, Ledger
from ..registry import CODE_LIST_VOCABULARIES, TYPES
from ..schema import SchemaSet


def _enum(schemas: SchemaSet, schema_name: str, path: tuple[str, ...]) -> list[str]:
    node: Any = schemas.raw[f"{schema_name}.schema.json"]
    for key in path:
        node = node[key]
    return list(node)


def check_ledger(ledger: Ledger, context: Context) -> list[Diagnostic]:
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
    found.extend(_missing(ledger, context))
    return found


def _missing(ledger: Ledger, context: Context) -> list[Diagnostic]:
    """The vocabularies the schemas' code lists and the pages' labels and shares come from.
    Without one, the site would show raw codes and a gift share of 0% without a word."""
    found = []
    for name in CODE_LIST_VOCABULARIES:
        if not ledger.exists("vocabulary", name):  # a file that is there but broken has its own finding
            file = f"{context.records}/vocabularies/{name}.yaml"
            found.append(Diagnostic(file, 1, 1, severity("VOCAB_MISSING"), "VOCAB_MISSING", "",
                                    f"thiếu danh mục bắt buộc '{name}': lược đồ và các trang dùng nó cho mã, nhãn và "
                                    f"số liệu; hãy khôi phục tệp (git restore {file})"))
    return found


def _schema_sync(ledger: Ledger, schemas: SchemaSet) -> list[Diagnostic]:
    found = []
    for record_type in TYPES.values():
        for code_list in record_type.code_lists:
            found.extend(_in_step(ledger, schemas, record_type.name, code_list.vocabularies, code_list.path))
    return found


def _in_step(ledger: Ledger, schemas: SchemaSet, schema_name: str, names: tuple[str, ...],
             path: tuple[str, ...]) -> list[Diagnostic]:
    """The schema's code list holds exactly the codes of the vocabularies `names`."""
    found: list[Diagnostic] = []
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
