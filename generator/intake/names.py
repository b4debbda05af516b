"""Readable names of records and codes, and back: what the template's dropdowns hold and
what the import turns into ids.

Names are the site's own (generator/site/model.py: "Sở Y tế – xã Trà Kót"), so a
staff member picks in the workbook what they read on the pages. A name is matched folded
(generator/intake/parse.py): without diacritics, either tone-mark placement, any case.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..facts import Record
from ..registry import PartnershipStatus
from ..site.model import Site
from .columns import CODE, REFERENCE, Column
from .parse import Unreadable, folded, nearest


@dataclass
class Names:
    """One column's readable names (in the order offered) and every way to write each id."""

    offered: list[str] = field(default_factory=list)  # the dropdown, best first
    ids: dict[str, set[str]] = field(default_factory=dict)  # folded name -> ids it may mean
    shown: dict[str, str] = field(default_factory=dict)  # id -> the name offered for it

    def add(self, record_id: str, name: str, *other_names: str, offer: bool = True) -> None:
        if offer and record_id not in self.shown:
            self.offered.append(name)
            self.shown[record_id] = name
        for one in (name, record_id, *other_names):
            if one:
                self.ids.setdefault(folded(one), set()).add(record_id)

    def find(self, text: str, what: str) -> str:
        """The id `text` names; Unreadable with the nearest names when none or several match."""
        if text in self.shown:  # a record's own code, as an export writes a name two records share
            return text
        found = self.ids.get(folded(text), set())
        if len(found) == 1:
            return next(iter(found))
        if found:
            choices = "; ".join(sorted(f"{self.shown.get(i, i)} (mã {i})" for i in found))
            raise Unreadable(f"'{text}' có thể là nhiều {what}: {choices}; hãy chọn đúng tên trong danh sách thả xuống")
        close = nearest(text, self.shown.values() or self.ids)
        hint = f"; có phải: {'; '.join(close)}?" if close else ""
        raise Unreadable(f"không có {what} nào tên '{text}'{hint} Hãy chọn tên trong danh sách thả xuống, "
                         "hoặc thêm hồ sơ đó trước")


_WHAT = {"partnership": "cặp kết nghĩa", "locality": "địa bàn", "organization": "đơn vị",
         "document": "văn bản", "activity": "hoạt động"}


def what(column: Column) -> str:
    if column.kind == REFERENCE and column.target:
        return _WHAT.get(column.target, column.target)
    return "mục"


def _localities(site: Site) -> Names:
    names = Names()
    # Former communes too: a report of 2023 names the communes of 2023.
    for lid in site.by_name("locality", site.localities):
        data = site.localities[lid]
        names.add(lid, site.locality_name(lid), data["name"], *data.get("aliases", []))
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
    for ids in (site.by_name("partnership", active), site.by_name("partnership", ended)):
        for pid in ids:
            data = site.partnerships[pid]
            locality = data["locality"]
            place: Record = site.localities.get(locality, {})
            places = [site.locality_name(locality), place.get("name", ""), *place.get("aliases", [])]
            sponsors = [n for s in data["sponsors"] for n in _sponsor_names(site, s)]
            # "Sở Y tế – xã Trà Kót", "So Y te Tra Kot", and the commune or the sponsor alone
            combined = [f"{s} {p}" for s in sponsors for p in places if s and p]
            names.add(pid, site.partnership_name(pid), *combined, *places, *sponsors)
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
    if column.kind == CODE:
        return _codes(site, column.vocabularies)
    return None
