"""References resolve to records of the right type; locality chains have no cycles."""
from __future__ import annotations

import difflib

from ..diagnostics import Diagnostic
from ..ledger import Context, Ledger
from ..registry import TYPES, folder_of


def _kind_of(ledger: Ledger, record_id: str) -> str | None:
    for record_type, ids in ledger.ids.items():
        if record_id in ids:
            return folder_of(record_type)
    return None


def _cycle(ledger: Ledger, start: str, key: str) -> bool:
    seen: set[str] = set()
    current: str | None = start
    while current is not None and current not in seen:
        seen.add(current)
        record = ledger.get("locality", current)
        current = record.data.get(key) if record else None
        if current == start:
            return True
    return False


def _nearest_hint(ledger: Ledger, target: str, target_id: str) -> str:
    """The existing ids nearest to a mistyped one; a new file only when none is near."""
    close = difflib.get_close_matches(target_id, sorted(ledger.ids.get(target, ())), n=3, cutoff=0.75)
    if close:
        return f"có phải {' hoặc '.join(repr(c) for c in close)}? Hãy chép đúng mã đó"
    return f"hãy kiểm tra chính tả, hoặc thêm tệp records/{folder_of(target)}/{target_id}.yaml"


def check_ledger(ledger: Ledger, context: Context) -> list[Diagnostic]:
    found = []
    for record_type, records in ledger.records.items():
        for record in records.values():
            for path, target, target_id in TYPES[record_type].references_in(record.data):
                if ledger.exists(target, target_id):
                    continue
                elsewhere = _kind_of(ledger, target_id)
                hint = (f"có hồ sơ '{target_id}' trong {elsewhere}/ nhưng ở đây cần một hồ sơ trong {folder_of(target)}/"
                        if elsewhere else _nearest_hint(ledger, target, target_id))
                found.append(record.diagnostic(path, "REF_UNKNOWN", f"không có hồ sơ '{target_id}': {hint}"))
    for record in ledger.of("locality").values():
        for key, words in (("successor", "đơn vị kế thừa"), ("parent", "cấp trên")):
            if key in record.data and _cycle(ledger, record.id, key):
                found.append(record.diagnostic((key,), "LOCALITY_CYCLE",
                             f"chuỗi {words} của '{record.id}' quay lại chính nó: hãy sửa trường {key}"))
    return found
