"""Existing records out to the template, to be corrected in Excel and imported again.

`ketnghia export activities|partnerships FILE.xlsx [--partnership ID | --sponsor ID |
--locality ID] [--year YYYY]` (generator/cli/export.py), and the site's pre-filled workbooks
(generator/site/workbooks.py): the template of generator/intake/template.py with one row per
record, its code in the column "Mã hồ sơ". Every cell reads back as the value it came from
(generator/intake/values.py), so importing the workbook unchanged changes nothing; a cell
edited becomes an update of that record (generator/intake/corrections.py).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..facts import localities_of, places_of
from ..site.model import Site, activity_order
from .columns import columns
from .names import names_of, what
from .template import workbook, workbook_bytes
from .values import cell, path_of, stage_of, value_at

EXPORTED = ("activity", "partnership")


@dataclass(frozen=True)
class Selection:
    """Which records: those of a partnership, of a sponsor, in a locality (a district: its
    communes too), and of a year; any left None does not narrow."""

    partnership: str | None = None
    sponsor: str | None = None
    locality: str | None = None
    year: str | None = None


def _within(site: Site, locality_id: str, area: str) -> bool:
    seen: set[str] = set()
    while locality_id and locality_id not in seen:
        if locality_id == area:
            return True
        seen.add(locality_id)
        locality_id = site.localities.get(locality_id, {}).get("parent", "")
    return False


def _in_year(period: dict, year: str) -> bool:
    return period["start"][:4] <= year and ("end" not in period or period["end"][:4] >= year)


def selected(site: Site, record_type: str, selection: Selection) -> list[str]:
    """The ids of the records chosen, in the order of the pages (activities by date)."""
    if record_type == "partnership":
        found = [pid for pid, data in site.partnerships.items()
                 if (selection.partnership in (None, pid))
                 and (selection.sponsor is None or selection.sponsor in data["sponsors"])
                 and (selection.locality is None or any(_within(site, p, selection.locality) for p in localities_of(data)))
                 and (selection.year is None or _in_year(data["period"], selection.year))]
        return site.by_name("partnership", found)
    chosen = []
    for activity in sorted(site.activities.values(), key=activity_order):
        partnership = site.partnerships.get(activity["partnership"], {})
        if ((selection.partnership in (None, activity["partnership"]))
                and (selection.sponsor is None or selection.sponsor in partnership.get("sponsors", ()))
                and (selection.year is None or activity["date"][:4] == selection.year)
                and (selection.locality is None or (partnership and any(
                    _within(site, p, selection.locality) for p in places_of(activity, partnership))))):
            chosen.append(activity["id"])
    return chosen


def rows(site: Site, record_type: str, ids: Iterable[str]) -> list[tuple[str, list[object]]]:
    """(id, the cells of its row) of each record, in the template's columns."""
    cols = columns(record_type)
    names = [names_of(site, column) for column in cols]
    said = [what(column) for column in cols]
    records = site.records.get(record_type, {})
    found = []
    for record_id in ids:
        data = records[record_id]
        stage = stage_of(data)
        found.append((record_id, [cell(column, value_at(data, path_of(column, stage)), names[i], said[i])
                                  for i, column in enumerate(cols)]))
    return found


def export_bytes(site: Site, record_type: str, selection: Selection) -> tuple[bytes, int]:
    """The pre-filled workbook and the number of records in it."""
    chosen = rows(site, record_type, selected(site, record_type, selection))
    return workbook_bytes(workbook(site, record_type, chosen)), len(chosen)
