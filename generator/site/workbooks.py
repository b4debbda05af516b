"""The workbooks a page offers: its activities pre-filled in the import's template, to correct
or withdraw in Excel and send back, and the blank templates (generator/intake/export.py).

One per partnership, sponsor and district (and commune under no district) with activities, each holding those the page
shows; the same records give the same bytes (the workbooks' dates and properties are fixed).
"""
from __future__ import annotations

from collections.abc import Iterator

from ..intake.export import Filler
from ..intake.template import workbook, workbook_bytes
from . import formats, urls
from .areas import area_activities, reports_on_its_own
from .escape import link
from .i18n import _, ngettext
from .model import COMMUNE_LEVELS, DISTRICT_LEVELS, Site
from .pages.page import para


def offers(site: Site, record_type: str, record_id: str) -> bool:
    """Whether a page offers a workbook: a partnership's, a sponsor's, and a locality's that reports
    on its own (a district, a commune under no district), not the province's or the city's."""
    if record_type != "locality":
        return record_type in ("partnership", "organization")
    level = site.localities[record_id]["level"]
    return level in DISTRICT_LEVELS | COMMUNE_LEVELS and reports_on_its_own(site, record_id)


def activities_of(site: Site, record_type: str, record_id: str) -> list[str]:
    """The activities a page's workbook holds, in date order; none for a page that offers none."""
    if not offers(site, record_type, record_id):
        return []
    if record_type == "partnership":
        return site.activities_of_partnership.get(record_id, [])
    if record_type == "organization":
        return site.in_date_order(a for p in site.partnerships_of_sponsor.get(record_id, [])
                                  for a in site.activities_of_partnership.get(p, []))
    return area_activities(site, record_id)


def _offered(site: Site) -> Iterator[tuple[str, str]]:
    for record_type, ids in (("partnership", site.partnerships), ("organization", site.organizations),
                             ("locality", site.localities)):
        for record_id in ids:
            yield record_type, record_id


def files(site: Site) -> dict[str, bytes]:
    made = {urls.workbook(record_type): workbook_bytes(workbook(site, record_type)) for record_type in urls.TEMPLATES}
    filler = Filler(site, "activity")
    for record_type, record_id in _offered(site):
        activity_ids = activities_of(site, record_type, record_id)
        if activity_ids:
            made[urls.workbook(record_type, record_id)] = filler.xlsx(activity_ids)[0]
    return made


def note(site: Site, page_url: str, record_type: str, record_id: str) -> str:
    """The page's line offering its workbook, or the blank template when it has no activity."""
    count = len(activities_of(site, record_type, record_id))
    blank = link(urls.relative(page_url, urls.workbook("activity")), _("bảng tính mẫu trống"))
    if not count:
        # The guide is a hand-written page, named rather than linked: its address differs in the offline copy.
        return para(_("Bổ sung hoạt động bằng Excel: tải {blank}, điền rồi gửi lại theo trang Hướng dẫn đóng góp.").format(
            blank=blank), "ledger-workbook")
    filled = link(urls.relative(page_url, urls.workbook(record_type, record_id)), ngettext(
        "bảng tính {count} hoạt động", "bảng tính {count} hoạt động", count).format(count=formats.number(count)))
    return para(_("Sửa, rút lại hay bổ sung hoạt động bằng Excel: tải {filled} (mỗi dòng có mã hồ sơ) hoặc {blank}, "
                  "sửa rồi gửi lại theo trang Hướng dẫn đóng góp.").format(filled=filled, blank=blank), "ledger-workbook")
