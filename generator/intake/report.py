"""The yearly "báo cáo sơ kết" of a sponsor, a locality or a programme, from the site model.

Its activities are those the site's pages list (the sponsor page's, the district or commune
page's, the programme page's), its totals are the site's Totals of them, and the gift share is
the pages' (view/shares.py: delivered value of gift-giving over all delivered value), beside the
share of training and capacity building the plan asks to grow. generator/intake/report_files.py writes
it as .xlsx and .docx.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..facts import Record, to_sponsor
from ..view import formats, shares
from ..view.model import Site, year_of
from ..view.scopes import area_activities, programme_activities, sponsor_activities
from ..view.shares import Share
from ..view.totals import Totals
from .parse import folded, nearest

COLUMNS = ("Ngày", "Địa bàn", "Cặp kết nghĩa", "Nhóm nội dung", "Nội dung hỗ trợ", "Tên hoạt động", "Tình trạng",
           "Kế hoạch (đồng)", "Đã thực hiện (đồng)", "Số hộ", "Số người", "Nguồn")
MONEY_COLUMNS = ("Kế hoạch (đồng)", "Đã thực hiện (đồng)", "Số hộ", "Số người")
TOTAL_LABEL = "Cộng"
OTHER_WAY = "địa bàn được giúp đỡ trao cho đơn vị kết nghĩa, không cộng vào tổng"


class NotFound(Exception):
    """The sponsor, locality or programme named is not in the ledger, or names several; the
    message says so, with the nearest or with each of them."""


@dataclass(frozen=True)
class GroupLine:
    label: str
    totals: Totals


@dataclass(frozen=True)
class Line:
    """A figure of the report's head: a number (đồng, a count), and for the delivered value of a
    kind of help, its share of the whole."""

    what: str
    value: int | None
    unit: str  # "dong", "count", "number"
    share: Share | None = None


@dataclass(frozen=True)
class Report:
    subject_id: str
    subject: str  # the sponsor's, the locality's or the programme's name
    about: str  # what the report is about, in the direction of help: "giúp đỡ của …" or "hỗ trợ cho …"
    year: str
    activity_ids: list[str]
    totals: Totals
    gift: Share  # gift-giving, as the site's pages give its share
    training: Share  # training, capacity building
    groups: list[GroupLine]
    rows: list[list[object]]  # one per activity, in COLUMNS order; None where not reported
    sources: list[tuple[str, ...]]  # one per activity: each of its sources on a line

    @property
    def title(self) -> str:
        return f"Báo cáo sơ kết năm {self.year}: {self.about}"


def source_texts(activity: Record) -> tuple[str, ...]:
    """Each source of an activity as one line: publisher, title (date) address."""
    return tuple(
        ", ".join(str(s[k]) for k in ("publisher", "title") if s.get(k)) + (f" ({formats.date(s['date'])})" if s.get("date") else "")
        + (f" {s['url']}" if s.get("url") else "")
        for s in activity.get("sources", [])
    )


def day_or_text(written: str) -> datetime.date | str:
    """A whole date as a date (a spreadsheet sorts and sums it); a month or a year as written."""
    try:
        return datetime.date.fromisoformat(written)
    except ValueError:
        return formats.date(written)


def _row(site: Site, aid: str) -> list[object]:
    activity = site.activities[aid]
    figures = site.figures[aid]
    group = site.category_group(activity["category"])
    return [
        day_or_text(activity["date"]), ", ".join(site.locality_name(place) for place in site.places(activity)),
        site.partnership_name(activity["partnership"]), site.groups().get(group or "", ""),
        site.label("support-categories", activity["category"]),
        f"{activity['title']} ({OTHER_WAY})" if to_sponsor(activity) else activity["title"],
        site.label("activity-statuses", activity["status"]),
        figures.planned, figures.delivered, figures.households, figures.people, "; ".join(source_texts(activity)),
    ]


def build_report(site: Site, year: str, sponsor: str | None = None, locality: str | None = None,
                 programme: str | None = None) -> Report:
    """The report of one subject, named by its id or its name (see `subject_id`)."""
    if sponsor:
        oid = subject_id(site, "organization", sponsor, year)
        subject, everything = site.sponsor_name(oid), sponsor_activities(site, oid)
        about, sid = f"công tác kết nghĩa, giúp đỡ của {subject}", oid
    elif locality:
        lid = subject_id(site, "locality", locality, year)
        subject, everything = site.locality_name(lid), area_activities(site, lid)
        about, sid = f"công tác kết nghĩa, hỗ trợ cho {subject}", lid
    else:
        assert programme is not None
        pid = subject_id(site, "programme", programme, year)
        subject, everything = _programme_name(site, pid), programme_activities(site, pid)
        about, sid = f"thực hiện {subject}", pid
    ids = [a for a in everything if year_of(site.activities[a]) == year]
    groups = [GroupLine(label, site.totals_of_ids(a for a in ids if site.category_group(site.activities[a]["category"]) == code))
              for code, label in site.groups().items()]
    return Report(sid, subject, about, year, ids, site.totals_of_ids(ids), shares.share(site, ids),
                  shares.share(site, ids, "training"), groups, [_row(site, a) for a in ids],
                  [source_texts(site.activities[a]) for a in ids])


# --- the subject, by id or by name ------------------------------------------------------------

_WHAT = {"organization": "đơn vị", "locality": "địa bàn", "programme": "chương trình"}


def _programme_name(site: Site, pid: str) -> str:
    programme = site.programmes[pid]
    return str(programme.get("short_name") or programme["name"])


def _names(site: Site, record_type: str, rid: str) -> set[str]:
    """Every way staff write the subject's name, folded: name, short name, aliases, and a
    locality's name with its level ("huyện Nam Giang")."""
    record = site.records[record_type][rid]
    names = {record.get("name", ""), record.get("short_name", ""), *record.get("aliases", ())}
    if record_type == "locality":
        names.add(site.locality_name(rid))
    elif record_type == "organization":
        names.add(site.sponsor_name(rid))
    return {folded(str(n)) for n in names if n}


def _in_force(record: Record, year: str) -> bool:
    """A unit that existed at some time in the year (a sponsor or programme has no such dates)."""
    return str(record.get("valid_from", "0000")) <= f"{year}-12-31" and str(record.get("valid_to", "9999"))[:4] >= year


def subject_id(site: Site, record_type: str, wanted: str, year: str) -> str:
    """The id of the record `wanted` names: its id, or a name written with or without
    diacritics. Of the units sharing a name, the one in force in the report's year; where
    several were, the message lists each with its period and id."""
    known = site.records.get(record_type, {})
    if wanted in known:
        return wanted
    key = folded(wanted)
    named = sorted(rid for rid in known if key in _names(site, record_type, rid))
    current = [rid for rid in named if _in_force(known[rid], year)] or named
    if len(current) == 1:
        return current[0]
    if current:
        listed = "; ".join(f"{_described(site, record_type, rid)}: mã {rid}" for rid in current)
        raise NotFound(f"'{wanted}' là tên của nhiều {_WHAT[record_type]} ({listed}); hãy ghi mã của {_WHAT[record_type]} cần báo cáo")
    by_name: dict[str, list[str]] = {}
    for rid in sorted(known):
        by_name.setdefault(_plain_name(site, record_type, rid), []).append(rid)
    close = [f"{_described(site, record_type, rid)}: mã {rid}" for name in nearest(wanted, by_name) for rid in by_name[name]]
    close = close or nearest(wanted, known)
    hint = f"; có phải: {'; '.join(close)}?" if close else ""
    raise NotFound(f"Không có {_WHAT[record_type]} '{wanted}' trong sổ{hint}")


def _plain_name(site: Site, record_type: str, rid: str) -> str:
    if record_type == "organization":
        return site.sponsor_name(rid)
    return _programme_name(site, rid) if record_type == "programme" else site.locality_name(rid)


def _described(site: Site, record_type: str, rid: str) -> str:
    """'xã Trà Leng (huyện Nam Trà My, đến 30/6/2025)': a unit told apart by its parent and period."""
    if record_type != "locality":
        return _plain_name(site, record_type, rid)
    unit = site.localities[rid]
    parts = [site.locality_name(unit["parent"])] if unit.get("parent") in site.localities else []
    if unit.get("valid_to"):
        parts.append(f"đến {formats.date(unit['valid_to'])}")
    elif unit.get("valid_from"):
        parts.append(f"từ {formats.date(unit['valid_from'])}")
    return f"{site.locality_name(rid)} ({', '.join(parts)})" if parts else site.locality_name(rid)


def summary_lines(report: Report) -> list[Line]:
    """The report's head: counts and values as numbers, the two shares with their whole."""
    totals = report.totals
    return [
        Line("Số hoạt động", totals.activities, "number"),
        Line("Giá trị kế hoạch", totals.planned, "dong"),
        Line("Giá trị đã thực hiện", totals.delivered, "dong"),
        Line("Số hộ hưởng lợi", totals.households, "count"),
        Line("Số người hưởng lợi", totals.people, "count"),
        Line("Tặng quà trong giá trị đã thực hiện", report.gift.value, "dong", report.gift),
        Line("Tập huấn, nâng cao năng lực trong giá trị đã thực hiện", report.training.value, "dong", report.training),
    ]


def line_text(line: Line) -> str:
    """A head figure as the site writes it: "1.200.000 đồng (12,5%)"."""
    if line.unit == "number":
        text = formats.number(line.value or 0)
    else:
        text = (formats.dong if line.unit == "dong" else formats.count)(line.value)
    return f"{text} ({line.share.by_value})" if line.share is not None else text
