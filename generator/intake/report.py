"""The yearly "báo cáo sơ kết" of a sponsor or a locality, from the site model.

Its activities are those the site's pages list (the sponsor page's, the district or commune
page's), its totals are the site's Totals of them, and the gift share is the home page's
(delivered value of gift-giving over all delivered value), beside the share of training
and capacity building the plan asks to grow. generator/intake/report_files.py writes it
as .xlsx and .docx.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..facts import Record
from ..site import formats
from ..site.model import Site, year_of
from ..site.pages.localities import area_activities
from ..site.pages.sponsors import sponsor_activities
from ..site.totals import Totals

COLUMNS = ("Ngày", "Địa bàn", "Cặp kết nghĩa", "Nhóm nội dung", "Nội dung hỗ trợ", "Tên hoạt động", "Tình trạng",
           "Kế hoạch (đồng)", "Đã thực hiện (đồng)", "Số hộ", "Số người", "Nguồn")
MONEY_COLUMNS = ("Kế hoạch (đồng)", "Đã thực hiện (đồng)", "Số hộ", "Số người")


class NotFound(Exception):
    """The sponsor or locality named is not in the ledger; the message says so, with the nearest."""


@dataclass(frozen=True)
class GroupLine:
    label: str
    totals: Totals


@dataclass(frozen=True)
class Report:
    title: str
    subject: str  # the sponsor's or the locality's name
    year: str
    activity_ids: list[str]
    totals: Totals
    gift: int  # delivered value of gift-giving
    training: int  # delivered value of training, capacity building
    groups: list[GroupLine]
    rows: list[list[object]]  # one per activity, in COLUMNS order; None where not reported

    def share(self, part: int) -> str:
        return formats.percent(part, self.totals.delivered or 0)


def _sources(activity: Record) -> str:
    return "; ".join(
        ", ".join(str(s[k]) for k in ("publisher", "title") if s.get(k)) + (f" ({formats.date(s['date'])})" if s.get("date") else "")
        + (f" {s['url']}" if s.get("url") else "")
        for s in activity.get("sources", [])
    )


def _row(site: Site, aid: str) -> list[object]:
    activity = site.activities[aid]
    figures = site.figures[aid]
    group = site.category_group(activity["category"])
    return [
        formats.date(activity["date"]), ", ".join(site.locality_name(place) for place in site.places(activity)),
        site.partnership_name(activity["partnership"]), site.groups().get(group or "", ""),
        site.label("support-categories", activity["category"]), activity["title"],
        site.label("activity-statuses", activity["status"]),
        figures.planned, figures.delivered, figures.households, figures.people, _sources(activity),
    ]


def _delivered_where(site: Site, ids: list[str], flag: str) -> int:
    return sum(site.figures[a].delivered or 0 for a in ids if site.figures[a].counted
               and site.vocabulary("support-categories").get(site.activities[a]["category"], {}).get(flag))


def build_report(site: Site, year: str, sponsor: str | None = None, locality: str | None = None) -> Report:
    if sponsor:
        if sponsor not in site.organizations:
            raise NotFound(_unknown(site, "organization", sponsor, "đơn vị"))
        subject, everything = site.sponsor_name(sponsor), sponsor_activities(site, sponsor)
    else:
        assert locality is not None
        if locality not in site.localities:
            raise NotFound(_unknown(site, "locality", locality, "địa bàn"))
        subject, everything = site.locality_name(locality), area_activities(site, locality)
    ids = [a for a in everything if year_of(site.activities[a]) == year]
    groups = [GroupLine(label, site.totals_of_ids(a for a in ids if site.category_group(site.activities[a]["category"]) == code))
              for code, label in site.groups().items()]
    return Report(f"Báo cáo sơ kết năm {year}: công tác kết nghĩa, giúp đỡ của {subject}", subject, year, ids,
                  site.totals_of_ids(ids), _delivered_where(site, ids, "gift"), _delivered_where(site, ids, "training"),
                  groups, [_row(site, a) for a in ids])


def _unknown(site: Site, record_type: str, wanted: str, what: str) -> str:
    from .parse import nearest

    known = site.records.get(record_type, {})
    close = nearest(wanted, known)
    hint = f"; có phải: {', '.join(close)}?" if close else ""
    return f"Không có {what} mã '{wanted}'{hint}"


def summary_lines(report: Report) -> list[tuple[str, str]]:
    """(what, figure) of the report's head, as the site writes figures."""
    totals = report.totals
    return [
        ("Số hoạt động", formats.number(totals.activities)),
        ("Giá trị kế hoạch", formats.dong(totals.planned)),
        ("Giá trị đã thực hiện", formats.dong(totals.delivered)),
        ("Số hộ hưởng lợi", formats.count(totals.households)),
        ("Số người hưởng lợi", formats.count(totals.people)),
        ("Tặng quà trong giá trị đã thực hiện", f"{formats.dong(report.gift)} ({report.share(report.gift)})"),
        ("Tập huấn, nâng cao năng lực trong giá trị đã thực hiện",
         f"{formats.dong(report.training)} ({report.share(report.training)})"),
    ]
