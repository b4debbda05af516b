"""The validator's findings in the words of the staff who filled a workbook.

The validator speaks to whoever edits a record file: record codes ('xa-tra-leng'), field names
('localities', 'aliases'), "hãy ghi locality: …", character codes (U+1EAF). A workbook's plan
speaks to a district officer, who sees names and columns: every message of a plan passes
here once (generator/intake/plan.py make_plan), so no finding reaches a workbook in a
record file's words.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from .columns import columns

# "hãy ghi locality: xa-tra-leng-2025", "hãy ghi distinct_from: [id] vào tệp này": a file's edit.
_WRITE_FIELD = re.compile(r"hãy ghi ([a-z_]+(?:\.[a-z_]+)*): \[?([a-z0-9-]+)\]?(?: vào tệp này)?")
_QUOTED = re.compile(r"'([^'\s]+)'")
_CODE = re.compile(r"(?<![\w'/.-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w'/.-])")  # ke-hoach, xa-tra-leng
_CODE_POINT = re.compile(r"U\+[0-9A-F]{4,6} (?:\(không nhìn thấy\)|('[^']*'))")
_IN_ALIASES = re.compile(r"\s*\(cách viết cũ có thể ghi trong 'aliases'\)")
_FILE_SAYS = re.compile(r"\btệp ghi\b")


@cache
def _headers(record_type: str) -> dict[str, str]:
    """A field's name (a path's last key) -> the column of a `record_type` sheet that fills it."""
    found: dict[str, str] = {}
    for column in columns(record_type):
        key = next(k for k in reversed(column.field.path) if isinstance(k, str))
        found.setdefault(key, column.header)
    return found


def for_staff(message: str, names: Mapping[str, str], record_type: str) -> str:
    """`message` about a row of a `record_type` sheet, with record codes given as names
    (`names`: code -> the name the dropdowns show), field names as the columns that fill them,
    and no character codes."""
    headers = _headers(record_type)

    def field_named(match: re.Match[str]) -> str:
        key, code = match.group(1).split(".")[-1], match.group(2)
        return f"hãy chọn '{names.get(code, code)}' ở cột '{headers.get(key, key)}'"

    def quoted(match: re.Match[str]) -> str:
        word = match.group(1)
        if word in names:
            return f"'{names[word]}'"
        return f"cột '{headers[word]}'" if word in headers else match.group(0)

    said = _IN_ALIASES.sub("", message)
    said = _WRITE_FIELD.sub(field_named, said)
    said = _QUOTED.sub(quoted, said)
    said = _CODE.sub(lambda m: f"'{names[m.group(0)]}'" if m.group(0) in names else m.group(0), said)
    said = _CODE_POINT.sub(lambda m: m.group(1) or "một ký tự không nhìn thấy", said)
    return _FILE_SAYS.sub("ô ghi", said)
