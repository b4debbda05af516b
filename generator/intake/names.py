"""Readable names of records and codes, and back: what the template's dropdowns hold and
what the import turns into ids.

Names are the site's own (generator/view/model.py: "Sở Y tế – xã Trà Kót"), so a
staff member picks in the workbook what they read on the pages. A name is matched folded
(generator/intake/parse.py): without diacritics, either tone-mark placement, any case.
"""
from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..dates import first_day, last_day, vi_date
from ..facts import Record
from ..registry import PartnershipStatus
from ..rules.spelling import preferred
from ..view.model import Site
from .columns import CODE, REFERENCE, Column, columns, importable
from .parse import Unreadable, folded, nearest

Span = tuple[datetime.date, datetime.date]
_ALWAYS: Span = (datetime.date.min, datetime.date.max)


@dataclass
class Names:
    """One column's readable names (in the order offered) and every way to write each id."""

    offered: list[str] = field(default_factory=list)  # the dropdown, best first
    ids: dict[str, set[str]] = field(default_factory=dict)  # folded name -> ids it may mean
    exact: dict[str, set[str]] = field(default_factory=dict)  # name with its marks -> ids: Trà Dơn is not Trà Don
    shown: dict[str, str] = field(default_factory=dict)  # id -> the name offered for it
    spans: dict[str, Span] = field(default_factory=dict)  # id -> when it was in force (a commune, a pair)

    def add(self, record_id: str, name: str, *other_names: str, offer: bool = True, span: Span | None = None) -> None:
        if offer and record_id not in self.shown:
            self.offered.append(name)
            self.shown[record_id] = name
        if span is not None:
            self.spans[record_id] = span
        for one in (name, record_id, *other_names):
            if one:
                self.ids.setdefault(folded(one), set()).add(record_id)
                self.exact.setdefault(_marked(one), set()).add(record_id)

    def find(self, text: str, what: str, on: Span | None = None) -> str:
        """The id `text` names: written with its marks, or folded; among several, the one in
        force on the row's days `on` (a commune before its merger, or its successor of the same name). Unreadable with
        the nearest names when none or several match."""
        if text in self.shown:  # a record's own code, as an export writes a name two records share
            return text
        found = self.exact.get(_marked(text)) or self.ids.get(folded(text), set())
        if len(found) > 1 and on is not None:
            in_force = {i for i in found if _overlap(self.spans.get(i, _ALWAYS), on)}
            found = in_force or found
        if len(found) == 1:
            return next(iter(found))
        if found:
            choices = "; ".join(sorted(self.shown.get(i, i) for i in found))
            raise Unreadable(f"'{text}' có thể là nhiều {what}: {choices}; hãy chọn đúng tên trong danh sách thả xuống")
        close = nearest(text, self.shown.values() or self.ids)
        hint = f"; có phải: {'; '.join(close)}?" if close else "."
        raise Unreadable(f"không có {what} nào tên '{text}'{hint} Hãy chọn tên trong danh sách thả xuống; "
                         f"{what} chưa có trong danh sách thì cần được thêm vào sổ trước khi nhập dòng này")


def _marked(text: str) -> str:
    """A name compared with its marks (one tone placement), any case and spacing."""
    return " ".join(preferred(unicodedata.normalize("NFC", text)).lower().split())


def _overlap(one: Span, other: Span) -> bool:
    return one[0] <= other[1] and other[0] <= one[1]


def _span(starts: str | None, ends: str | None) -> Span:
    return (first_day(starts) if starts else datetime.date.min, last_day(ends) if ends else datetime.date.max)


def _period(starts: str | None, ends: str | None) -> str:
    """'đến 30/6/2021', 'từ 1/7/2021', '1/1/2020 – 31/12/2024'."""
    if starts and ends:
        return f"{vi_date(starts)} – {vi_date(ends)}"
    return f"từ {vi_date(starts)}" if starts else (f"đến {vi_date(ends)}" if ends else "")


def _apart(names: dict[str, str], *tells: Callable[[str], str]) -> dict[str, str]:
    """Each id's name, made distinct where two fold alike: 'xã A' becomes
    'xã A (huyện B, đến 30/6/2021)' beside 'xã A (thành phố C, từ 1/7/2021)'. Each of `tells`
    adds one more thing to tell them apart, until they are."""
    named = dict(names)
    for count in range(1, len(tells) + 1):
        groups: dict[str, list[str]] = {}
        for record_id, name in named.items():
            groups.setdefault(folded(name), []).append(record_id)
        clashes = [ids for ids in groups.values() if len(ids) > 1]
        if not clashes:
            break
        for ids in clashes:
            for record_id in ids:
                said = ", ".join(t for t in (tell(record_id) for tell in tells[:count]) if t)
                named[record_id] = f"{names[record_id]} ({said})" if said else names[record_id]
    return named


_WHAT = {"partnership": "cặp kết nghĩa", "locality": "địa bàn", "organization": "đơn vị",
         "document": "văn bản", "activity": "hoạt động", "programme": "chương trình"}


def what(column: Column) -> str:
    if column.kind == REFERENCE and column.target:
        return _WHAT.get(column.target, "mục")  # never the record type's own (English) name
    if column.kind == CODE:
        return column.header.split(": ")[-1].lower()  # "tình trạng", "nội dung hỗ trợ"
    return "mục"


def _localities(site: Site) -> Names:
    names = Names()
    # Former communes too: a report of 2023 names the communes of 2023. The site's own name tells
    # units of one name apart by parent and period; names alike only folded (Trà Dơn, Trà Don)
    # are told apart here by their code.
    ids = site.by_name("locality", site.localities)
    data = site.localities

    def code(lid: str) -> str:
        return f"mã {data[lid]['code']}" if data[lid].get("code") else ""

    shown = _apart({lid: site.locality_name(lid) for lid in ids}, code)
    for lid in ids:
        level = site.label("locality-levels", data[lid]["level"])
        bare = f"{level} {data[lid]['name']}"  # "xã Trà Leng", as staff type it, whichever unit it is
        names.add(lid, shown[lid], site.locality_name(lid), bare, data[lid]["name"], *data[lid].get("aliases", []),
                  span=_span(data[lid].get("valid_from"), data[lid].get("valid_to")))
    return names


def _organizations(site: Site) -> Names:
    names = Names()
    for oid in site.by_name("organization", site.organizations):
        data = site.organizations[oid]
        names.add(oid, site.sponsor_name(oid), data["name"], data.get("short_name", ""), *data.get("aliases", []))
    return names


def _partnerships(site: Site) -> Names:
    names = Names()
    # The current partnerships first, then those that ended: a yearly report covers past years.
    active = [p for p, d in site.partnerships.items() if d["status"] == PartnershipStatus.ACTIVE]
    ended = [p for p in site.partnerships if p not in active]
    ordered = site.by_name("partnership", active) + site.by_name("partnership", ended)

    def period(pid: str) -> str:
        return _period(site.partnerships[pid]["period"]["start"], site.partnerships[pid]["period"].get("end"))

    shown = _apart({pid: site.partnership_name(pid) for pid in ordered}, period)
    for pid in ordered:
        data = site.partnerships[pid]
        locality = data["locality"]
        place: Record = site.localities.get(locality, {})
        places = [site.locality_name(locality), place.get("name", ""), *place.get("aliases", [])]
        sponsors = [n for s in data["sponsors"] for n in _sponsor_names(site, s)]
        # "Sở Y tế – xã Trà Kót", "So Y te Tra Kot", and the commune or the sponsor alone
        combined = [f"{s} {p}" for s in sponsors for p in places if s and p]
        names.add(pid, shown[pid], site.partnership_name(pid), *combined, *places, *sponsors,
                  span=_span(data["period"]["start"], data["period"].get("end")))
    return names


def _sponsor_names(site: Site, oid: str) -> list[str]:
    data: Record = site.organizations.get(oid, {})
    return [site.sponsor_name(oid), data.get("name", ""), data.get("short_name", ""), *data.get("aliases", [])]


def _documents(site: Site) -> Names:
    names = Names()
    for did in site.by_name("document", site.documents):
        data = site.documents[did]
        names.add(did, site.document_name(did), data["title"], data.get("number", ""))
    return names


def _activities(site: Site) -> Names:
    names = Names()
    for aid in site.activities:
        names.add(aid, aid, offer=False)
    return names


def _named(site: Site, record_type: str) -> Names:
    """Records of a type without a namer of its own (programmes…): their short name, name or title."""
    names = Names()
    records = site.records.get(record_type, {})
    for rid in site.by_name(record_type, records):
        data = records[rid]
        names.add(rid, site.name_of(record_type, rid), *(str(data[k]) for k in ("short_name", "name", "title") if data.get(k)))
    return names


def _codes(site: Site, vocabularies: Iterable[str]) -> Names:
    names = Names()
    for vocabulary in vocabularies:
        for code, item in site.vocabulary(vocabulary).items():
            names.add(code, site.label(vocabulary, code), item.get("label", ""))
    return names


_BY_TARGET = {"locality": _localities, "organization": _organizations, "partnership": _partnerships,
              "document": _documents, "activity": _activities}


def names_of(site: Site, column: Column) -> Names | None:
    """The names a column's cells may hold; None for a column of dates, numbers or text."""
    if column.kind == REFERENCE and column.target in _BY_TARGET:
        return _BY_TARGET[column.target](site)
    if column.kind == REFERENCE and column.target:
        return _named(site, column.target)
    if column.kind == CODE and column.choices:
        names = Names()
        for code, word in column.choices:
            names.add(code, word)
        return names
    if column.kind == CODE:
        return _codes(site, column.vocabularies)
    return None


def written_names(site: Site, column: Column) -> Names | None:
    """The names a workbook writes in a column: its dropdown, and an export's cells. None for a
    column naming activities: no dropdown offers them and an export writes their codes, which the
    import reads (names_of): making their names took 0.3 s at province scale, for no cell."""
    return None if column.target == "activity" else names_of(site, column)


def shown_names(site: Site) -> dict[str, str]:
    """Every record's code -> the name the dropdowns offer for it: how a plan names a record."""
    found: dict[str, str] = {}
    vocabularies = sorted({v for t in importable() for c in columns(t) if c.kind == CODE for v in c.vocabularies})
    for names in (_localities(site), _organizations(site), _partnerships(site), _documents(site),
                  _named(site, "programme"), _codes(site, vocabularies)):
        found.update(names.shown)
    return found
