"""A source that says it has no address gives none.

A newspaper item known only by its title, publisher and date (a print article, a stored copy
kept without its address) is a source still: `no_url: true` says so, and the site shows it as
"không có đường dẫn" and counts it. A source that gives an address and says it has none is a
contradiction the site could not show."""
from __future__ import annotations

import datetime

from ..diagnostics import Diagnostic
from ..records import Record


def check_record(record: Record, folder_parts: tuple[str, ...], today: datetime.date) -> list[Diagnostic]:
    return [
        record.diagnostic(("sources", index, "no_url"), "SOURCE_URL_BOTH",
                          f"nguồn thứ {index + 1} vừa có đường dẫn vừa ghi là không có đường dẫn: "
                          "xóa dòng no_url khi đã có đường dẫn")
        for index, source in enumerate(record.data.get("sources", []))
        if isinstance(source, dict) and "url" in source and "no_url" in source
    ]
