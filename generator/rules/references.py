"""References resolve to records of the right type; locality chains have no cycles."""
from __future__ import annotations

from ..ledger import Context, Ledger

_FOLDERS = {
    "locality": "localities", "organization": "organizations", "document": "documents",
    "partnership": "partnerships", "activity": "activities", "vocabulary": "vocabularies",
}


def references_of(record_type: str, data: dict):
    """(path, target type, id) for every reference a record makes."""
    if record_type == "partnership":
        for i, sponsor in enumerate(data["sponsors"]):
            yield ("sponsors", i), "organization", sponsor
        yield ("locality",), "locality", data["locality"]
        for i, document in enumerate(data.get("basis", [])):
            yield ("basis", i), "document", document
        if "document" in data.get("agreement", {}):
            yield ("agreement", "document"), "document", data["agreement"]["document"]
    elif record_type == "activity":
        yield ("partnership",), "partnership", data["partnership"]
        if "locality" in data:
            yield ("locality",), "locality", data["locality"]
    elif record_type == "locality":
        for key in ("parent", "successor"):
            if key in data:
                yield (key,), "locality", data[key]
        for i, change in enumerate(data.get("changes", [])):
            if "document" in change:
                yield ("changes", i, "document"), "document", change["document"]
        for i, status in enumerate(data.get("disadvantage", [])):
            yield ("disadvantage", i, "document"), "document", status["document"]
    elif record_type == "organization":
        if "locality" in data:
            yield ("locality",), "locality", data["locality"]
    for i, document in enumerate(data.get("documents", []) if record_type in ("locality", "vocabulary") else []):
        yield ("documents", i), "document", document


def _kind_of(ledger: Ledger, record_id: str) -> str | None:
    for record_type, ids in ledger.ids.items():
        if record_id in ids:
            return _FOLDERS[record_type]
    return None


def _cycle(ledger: Ledger, start: str, key: str) -> bool:
    seen, current = set(), start
    while current is not None and current not in seen:
        seen.add(current)
        record = ledger.get("locality", current)
        current = record.data.get(key) if record else None
        if current == start:
            return True
    return False


def check_ledger(ledger: Ledger, context: Context) -> list:
    found = []
    for record_type, records in ledger.records.items():
        for record in records.values():
            for path, target, target_id in references_of(record_type, record.data):
                if ledger.exists(target, target_id):
                    continue
                elsewhere = _kind_of(ledger, target_id)
                hint = (f"có hồ sơ '{target_id}' trong {elsewhere}/ nhưng ở đây cần một hồ sơ trong {_FOLDERS[target]}/"
                        if elsewhere else f"hãy kiểm tra chính tả, hoặc thêm tệp records/{_FOLDERS[target]}/{target_id}.yaml")
                found.append(record.diagnostic(path, "REF_UNKNOWN", f"không có hồ sơ '{target_id}': {hint}"))
    for record in ledger.of("locality").values():
        for key, words in (("successor", "đơn vị kế thừa"), ("parent", "cấp trên")):
            if key in record.data and _cycle(ledger, record.id, key):
                found.append(record.diagnostic((key,), "LOCALITY_CYCLE",
                             f"chuỗi {words} của '{record.id}' quay lại chính nó: hãy sửa trường {key}"))
    return found
