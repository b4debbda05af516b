"""An issue sent with one of the repository's issue forms, read back into what the import takes.

GitHub writes a form's answers into the issue's body as Markdown: each field's label as a
'### ' heading, then the answer, or '_No response_' for a field left empty. The form
"Gửi bảng tính" holds the workbook attached in its field 'Bảng tính'; the form "Báo một
hoạt động" has one field per column of the activities template (the same titles, from the
schema: generator/intake/columns.py), so its answers become a one-row workbook that the
import plans as it plans any other.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from .columns import columns

BODY_CHARACTERS = 65_536  # GitHub's own limit of an issue's body
WORKBOOK_FIELD = "Bảng tính"
SPONSOR_FIELD = "Đơn vị kết nghĩa"
COMMUNE_FIELD = "Xã hoặc huyện được giúp đỡ"
PRIVACY_FIELD = "Thông tin cá nhân"
ACTIVITY = "activity"
_EMPTY = "_No response_"


class NotAForm(Exception):
    """A body that is not the answer of one of the forms; the message says so, in Vietnamese."""


@dataclass
class Answers:
    """A form's answers by label; `repeated` names a label given twice (a body edited by hand)."""

    fields: dict[str, str] = field(default_factory=dict)
    repeated: list[str] = field(default_factory=list)


def answers(body: str) -> Answers:
    """The answers of a form, by label. Text before the first heading is not an answer."""
    if len(body) > BODY_CHARACTERS:
        raise NotAForm(f"nội dung issue dài hơn {BODY_CHARACTERS:,} ký tự".replace(",", ".")
                       + ": hãy gửi số liệu trong một bảng tính đính kèm")
    found = Answers()
    label: str | None = None
    lines: list[str] = []

    def close() -> None:
        if label is None:
            return
        text = "\n".join(lines).strip()
        if label in found.fields:
            found.repeated.append(label)
        found.fields[label] = "" if text == _EMPTY else text

    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.startswith("### "):
            close()
            label, lines = line[4:].strip(), []
        elif label is not None:
            lines.append(line)
    close()
    return found


def activity_headers() -> list[str]:
    return [column.header for column in columns(ACTIVITY)]


def is_workbook_form(found: Answers) -> bool:
    return WORKBOOK_FIELD in found.fields


def is_activity_form(found: Answers) -> bool:
    return "Tên hoạt động" in found.fields and "Ngày" in found.fields


def activity_csv(found: Answers) -> str:
    """The answers of "Báo một hoạt động" as a CSV of the template's columns: a header row and
    one row. A pair named by its sponsor and commune is written as the template's dropdown
    would name it ("sponsor commune"), which the import reads as it reads a typed name."""
    headers = activity_headers()
    row = {header: found.fields.get(header, "") for header in headers}
    pair = headers[0]
    if not row[pair]:
        row[pair] = " ".join(part for part in (found.fields.get(SPONSOR_FIELD, ""), found.fields.get(COMMUNE_FIELD, ""))
                             if part)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(headers)
    writer.writerow([row[h] for h in headers])
    return text.getvalue()


def field_of(column: str) -> str:
    """The form's field a problem's column names: 'C (Ngày)' → 'Ngày' (the column's title)."""
    letters, _, rest = column.partition(" (")
    return rest[:-1] if letters.isalpha() and letters.isupper() and rest.endswith(")") else column
