"""A source that reports the programme's work gives its address, or says that it has none.

A newspaper item known only by its title, publisher and date (a print article, a stored copy
kept without its address) is a source still; it is marked `no_url: true` so the site can say
so and count it, while a forgotten address is caught."""
from __future__ import annotations

import datetime

from ..diagnostics import Diagnostic
from ..records import Record
from ..registry import TYPES


def check_record(record: Record, folder_parts: tuple[str, ...], today: datetime.date) -> list[Diagnostic]:
    if not TYPES[record.type].sources_with_address:
        return []
    found: list[Diagnostic] = []
    for index, source in enumerate(record.data.get("sources", [])):
        if "url" in source and "no_url" in source:
            found.append(record.diagnostic(("sources", index, "no_url"), "SOURCE_URL_BOTH",
                         f"nguồn thứ {index + 1} vừa có đường dẫn vừa ghi là không có đường dẫn: "
                         "xóa dòng no_url khi đã có đường dẫn"))
        elif "url" not in source and "no_url" not in source:
            found.append(record.diagnostic(("sources", index), "SOURCE_NO_URL",
                         f"nguồn thứ {index + 1} ('{source['title']}') không có đường dẫn: chép địa chỉ của bài vào "
                         "url; nếu nguồn thật sự không có đường dẫn (báo in, bản lưu không giữ địa chỉ), "
                         "ghi thêm dòng no_url: true"))
    return found
