"""Ids equal file names, are unique per type ignoring case; activities sit in their year's folder."""
from __future__ import annotations

import datetime

from ..diagnostics import Diagnostic
from ..ledger import Context, Ledger
from ..records import Record


def check_record(record: Record, folder_parts: tuple[str, ...], today: datetime.date) -> list[Diagnostic]:
    found = []
    written = record.data.get("id")
    if written != record.id:
        found.append(record.diagnostic(("id",), "ID_MISMATCH",
                     f"mã '{written}' khác tên tệp '{record.id}.yaml': hãy sửa cho trùng nhau"))
    if record.type == "activity":
        year = record.data["date"][:4]
        if folder_parts != (year,):
            where = "/".join(folder_parts) or "activities/"
            found.append(record.diagnostic(("date",), "ACTIVITY_FOLDER",
                         f"hoạt động năm {year} nằm trong thư mục '{where}': hãy chuyển tệp vào records/activities/{year}/"))
    return found


def check_ledger(ledger: Ledger, context: Context) -> list[Diagnostic]:
    """Ids unique per type, ignoring case (activities of different years included)."""
    found = []
    for files in context.files_by_type.values():
        first_seen: dict[str, str] = {}  # casefolded id -> file that has it
        for record_file, record in files:
            key = record_file.id.casefold()
            if key in first_seen:
                other = first_seen[key]
                if record is not None:
                    found.append(record.diagnostic(("id",), "ID_DUPLICATE",
                                 f"mã '{record_file.id}' đã dùng cho {other}: hãy đặt mã khác"))
            else:
                first_seen[key] = record_file.file
    return found
