"""Existing records out to the template, to be corrected in Excel and imported again.

`ketnghia export activities|partnerships FILE.xlsx [--partnership ID | --sponsor ID |
--locality ID] [--year YYYY]` (generator/cli/export.py), and the site's pre-filled workbooks
(generator/site/workbooks.py): the template of generator/intake/template.py with one row per
record, its code in the column "Mã hồ sơ". Every cell reads back as the value it came from
(generator/intake/values.py), so importing the workbook unchanged changes nothing; a cell
edited becomes an update of that record (generator/intake/corrections.py).

The site offers one such workbook per partnership, sponsor and district: hundreds at province
scale, where saving each through openpyxl would cost 30 ms before its first row. So the
template is made once (a Filler), and each workbook is that template with its rows written
into the data sheet's XML: numbers and dates as numbers in the column's style, text as inline
text in a style that keeps it text (Excel's quote prefix), never a formula.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from ..facts import localities_of, places_of
from ..view.model import Site, activity_order
from .columns import TEXT, columns
from .names import what, written_names
from .template import EACH, template_parts, zipped
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


def _within(site: Site, locality_id: str | None, area: str) -> bool:
    seen: set[str] = set()
    while locality_id and locality_id not in seen:
        if locality_id == area:
            return True
        seen.add(locality_id)
        locality = site.localities.get(locality_id)
        locality_id = locality.get("parent") if locality else None
    return False


def _in_year(period: Mapping[str, Any], year: str) -> bool:
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
        partnership = site.partnerships[activity["partnership"]]  # validated: it exists
        if ((selection.partnership in (None, activity["partnership"]))
                and (selection.sponsor is None or selection.sponsor in partnership["sponsors"])
                and (selection.year is None or activity["date"][:4] == selection.year)
                and (selection.locality is None or any(
                    _within(site, p, selection.locality) for p in places_of(activity, partnership)))):
            chosen.append(activity["id"])
    return chosen


_STAGES = (None, "delivered", "planned")
_PATTERN_CELL = re.compile(r'<c r="([A-Z]+)2" s="(\d+)"')
DATA_SHEET = "xl/worksheets/sheet2.xml"  # the data sheet, second after the guide (template.py)


_ROW = "\x00"  # stands for the row number in a record's row, written once and placed in each workbook
_ESCAPED = re.compile(f"{ILLEGAL_CHARACTERS_RE.pattern}|[&<>]")  # what a cell's text cannot hold as it is


def _xml_text(value: object) -> str:
    """A cell's text in the sheet's XML: characters XML forbids left out, markup escaped."""
    text = str(value)
    return escape(ILLEGAL_CHARACTERS_RE.sub("", text)) if _ESCAPED.search(text) else text


class Filler:
    """The template of one record type, made once, and the pre-filled workbooks made from it.

    A record's row is written once and placed in every workbook that holds it (a partnership's,
    its sponsor's, its district's): only its row number differs."""

    def __init__(self, site: Site, record_type: str):
        self.site, self.record_type = site, record_type
        self.columns = columns(record_type)
        self.names = names = {column: written_names(site, column) for column in self.columns}
        parts = template_parts(site, record_type, names, pattern=True)
        self.base = zipped(part for part in parts if part[0] != DATA_SHEET)  # the parts no record changes
        sheet = dict(parts)[DATA_SHEET].decode("utf-8")
        head, rest = sheet.split("<sheetData>", 1)
        rows, tail = rest.split("</sheetData>", 1)
        self.header = rows[:rows.index("</row>") + len("</row>")]
        styles = dict(_PATTERN_CELL.findall(rows))  # column letter -> style of its values
        self.head = re.sub(r'<dimension ref="[^"]*"/>', "", head)
        self.tail = f"</sheetData>{tail}".encode()
        self.letters = [get_column_letter(i) for i in range(1, len(self.columns) + 2)]
        self.cells = [(column, names[column], what(column), {stage: path_of(column, stage) for stage in _STAGES},
                       f'r="{letter}{_ROW}" s="{styles[letter]}"') for column, letter in zip(self.columns, self.letters, strict=False)]
        self.where = [attributes for *_, attributes in self.cells] + [f'r="{self.letters[-1]}{_ROW}" s="{styles[self.letters[-1]]}"']
        self.named: dict[tuple[int, str], object] = {}  # (column, code or date) -> what its cell says
        self.rows: dict[str, bytes] = {}  # record id -> its row, numbered _ROW, encoded once for every workbook

    def row_values(self, record_id: str) -> list[object]:
        data = self.site.records[self.record_type][record_id]
        stage = stage_of(data)
        values: list[object] = []
        for index, (column, names, said, paths, _) in enumerate(self.cells):
            value = value_at(data, paths[stage])
            if value is None:
                values.append(None)
            elif column.kind != TEXT and isinstance(value, str):  # a code or a date: the same few recur
                key = (index, value)
                if key not in self.named:
                    self.named[key] = cell(column, value, names, said)
                values.append(self.named[key])
            else:
                values.append(cell(column, value, names, said))
        return values + [record_id]

    def _row(self, record_id: str) -> bytes:
        if record_id in self.rows:
            return self.rows[record_id]
        cells = []
        for at, value in zip(self.where, self.row_values(record_id), strict=True):
            if value is None:
                continue
            if isinstance(value, int):
                cells.append(f"<c {at}><v>{value}</v></c>")
            else:
                cells.append(f'<c {at} t="inlineStr"><is><t xml:space="preserve">{_xml_text(value)}</t></is></c>')
        self.rows[record_id] = row = f'<row r="{_ROW}">{"".join(cells)}</row>'.encode()
        return row

    def xlsx(self, ids: Iterable[str]) -> tuple[bytes, int]:
        """The workbook of these records, one row each in the given order, and how many."""
        number = _ROW.encode()
        rows = [self._row(record_id).replace(number, b"%d" % n) for n, record_id in enumerate(ids, start=2)]
        extent = f'<dimension ref="A1:{self.letters[-1]}{len(rows) + 1}"/>'
        head = self.head.replace("<sheetViews>", extent + "<sheetViews>", 1)
        sheet = b"".join((f"{head}<sheetData>{self.header}".encode(), *rows, self.tail))
        return zipped([(DATA_SHEET, sheet)], self.base, EACH), len(rows)


def rows(site: Site, record_type: str, ids: Iterable[str]) -> list[tuple[str, list[object]]]:
    """(id, the cells of its row) of each record, in the template's columns."""
    filler = Filler(site, record_type)
    return [(record_id, filler.row_values(record_id)[:-1]) for record_id in ids]


def export_bytes(site: Site, record_type: str, selection: Selection) -> tuple[bytes, int]:
    """The pre-filled workbook and the number of records in it."""
    return Filler(site, record_type).xlsx(selected(site, record_type, selection))
