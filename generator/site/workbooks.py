"""A page's line offering its workbook: its activities pre-filled in the import's template, or
the blank template (the files themselves: generator/intake/workbooks.py)."""
from __future__ import annotations

from ..i18n import _, ngettext
from ..view import formats, urls
from ..view.escape import link
from ..view.model import Site
from ..view.scopes import workbook_activities
from .pages.page import para


def note(site: Site, page_url: str, record_type: str, record_id: str) -> str:
    """The page's line offering its workbook, or the blank template when it has no activity."""
    count = len(workbook_activities(site, record_type, record_id))
    blank = link(urls.relative(page_url, urls.workbook("activity")), _("bảng tính mẫu trống"))
    if not count:
        # The guide is a hand-written page, named rather than linked: its address differs in the offline copy.
        return para(_("Bổ sung hoạt động bằng Excel: tải {blank}, điền rồi gửi lại theo trang Hướng dẫn đóng góp.").format(
            blank=blank), "ledger-workbook")
    filled = link(urls.relative(page_url, urls.workbook(record_type, record_id)), ngettext(
        "bảng tính {count} hoạt động", "bảng tính {count} hoạt động", count).format(count=formats.number(count)))
    return para(_("Sửa, rút lại hay bổ sung hoạt động bằng Excel: tải {filled} (mỗi dòng có mã hồ sơ) hoặc {blank}, "
                  "sửa rồi gửi lại theo trang Hướng dẫn đóng góp.").format(filled=filled, blank=blank), "ledger-workbook")
