"""The site model: validated records resolved and indexed for the pages.

Built once per render, by keyword, from `validate_tree`'s result and the project's Context
(view/context.py), and not changed afterwards; every list is in a stable order (Vietnamese
collation for names, date then id for activities). What the pages compute once and reuse lives
apart, in a Memo whose tables are keyed by what they hold: no record id can collide with another key.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..dates import first_day, last_day
from ..diagnostics import Diagnostic
from ..facts import COMMUNE_LEVELS, DISTRICT_LEVELS, Record, localities_of, places_of, to_sponsor, took_place  # noqa: F401  (the pages read the levels here)
from ..i18n import _, active
from ..registry import TYPES, folder_of
from ..typed import Activity, Document, Locality, Organization, Partnership, Programme, ReportedTotal
from . import formats, urls
from .collation import sort_key
from .context import Context, Identity
from .escape import clean
from .totals import Figures, Totals, figures_of, totals_of

# Rows per page of an activity listing: each row holds the whole record (about 1-3 KB).
LISTING_PAGE_SIZE = 50
# The vocabularies whose codes an activity's tags are (QĐ 1719, QĐ 90, new-rural criteria).
TAG_VOCABULARIES = next(c.vocabularies for c in TYPES["activity"].code_lists if "tags" in c.path)

T = TypeVar("T")


def activity_order(activity: Record) -> tuple[str, str]:
    """Date as written (a year sorts before its days), then id."""
    return activity["date"], activity["id"]


def year_of(activity: Record) -> str:
    return activity["date"][:4]


def valid_on(locality: Record, day: datetime.date) -> bool:
    starts = locality.get("valid_from")
    ends = locality.get("valid_to")
    return (not starts or first_day(starts) <= day) and (not ends or day <= first_day(ends))


class _Worded:
    """The tables of text a page writes in the active language: its dates and numbers."""

    def __init__(self) -> None:
        self.names: dict[tuple[str, str], str] = {}  # (record type, id) -> name
        self.links: dict[tuple[int, str, str], str] = {}  # (page depth, record type, id) -> <a>
        self.cells: dict[str, tuple[str, str]] = {}  # activity id -> its figure cells
        self.summary_rows: dict[tuple[int, str], list[str]] = {}  # (page depth, activity id) -> its row in a summary
        self.summary_cells: dict[str, tuple[str, str, str, str, str]] = {}  # activity id -> the cells of that row that link nowhere
        self.feed_entries: dict[tuple[int, str], str] = {}  # (feed depth, activity id) -> its entry in a feed


class Memo:
    """What pages compute once and reuse, one table per kind of value; the tables of text one
    per language, since a render may write a section in another (i18n.speaking)."""

    def __init__(self) -> None:
        self.vocabularies: dict[str, dict[str, Record]] = {}
        self.totals: dict[tuple[str, str], Totals] = {}  # (record type, id) -> Totals
        self.worded: dict[object, _Worded] = {}  # catalogue -> its tables
        self.groups: dict[str, str] | None = None  # support-category group -> label
        self.areas: dict[str, list[str]] = {}  # locality id -> its area's activity ids, in date order
        self.area_partnerships: dict[str, list[str]] = {}  # locality id -> the partnerships of its area
        self.programmes: dict[str, list[str]] = {}  # programme id -> its partnership ids, by name
        self.programme_activities: dict[str, list[str]] = {}  # programme id -> its activity ids, in date order
        self.sponsors_at: dict[str, list[str]] | None = None  # locality id -> sponsors standing for it
        self.shared_names: dict[str, int] | None = None  # a locality's bare name -> how many units bear it
        self.other_direction: frozenset[str] | None = None  # the activities facts.to_sponsor holds for
        # (partnership, places, category) -> what the filters of a listing know of its activities
        self.filter_fields: dict[tuple[str, tuple[str, ...], str], Any] = {}
        self.row_counts: dict[str, int] | None = None  # open-data table -> its rows, for the page of each language

    def forget_summary_rows(self) -> None:
        """The summaries' rows, in every language, once the summaries are made."""
        for tables in self.worded.values():
            tables.summary_rows.clear()
            tables.summary_cells.clear()

    def _in_language(self) -> _Worded:
        catalogue = active()
        tables = self.worded.get(catalogue)
        if tables is None:
            tables = self.worded[catalogue] = _Worded()
        return tables

    @property
    def names(self) -> dict[tuple[str, str], str]:
        return self._in_language().names

    @property
    def links(self) -> dict[tuple[int, str, str], str]:
        return self._in_language().links

    @property
    def cells(self) -> dict[str, tuple[str, str]]:
        return self._in_language().cells

    @property
    def summary_rows(self) -> dict[tuple[int, str], list[str]]:
        return self._in_language().summary_rows

    @property
    def feed_entries(self) -> dict[tuple[int, str], str]:
        return self._in_language().feed_entries

    @property
    def summary_cells(self) -> dict[str, tuple[str, str, str, str, str]]:
        return self._in_language().summary_cells


@dataclass(frozen=True)
class Site:
    records: dict[str, dict[str, Record]]  # type -> {id: data}
    files: dict[tuple[str, str], str]  # (type, id) -> path in the repository, "records/…/id.yaml"
    diagnostics: list[Diagnostic]
    context: Context = field(default_factory=Context)  # the project rendered: its name, repository, options
    indexed: bool = False  # the pages' indexes below made from the records (build_site); records_only leaves them empty
    # The indexes the pages read, made once the records are there (names need nothing else).
    activities_of_partnership: dict[str, list[str]] = field(init=False, default_factory=dict)
    partnerships_of_locality: dict[str, list[str]] = field(init=False, default_factory=dict)
    partnerships_of_sponsor: dict[str, list[str]] = field(init=False, default_factory=dict)
    activities_of_locality: dict[str, list[str]] = field(init=False, default_factory=dict)
    children: dict[str, list[str]] = field(init=False, default_factory=dict)
    predecessors: dict[str, list[str]] = field(init=False, default_factory=dict)
    cited_by: dict[str, list[tuple[str, str]]] = field(init=False, default_factory=dict)
    newest: datetime.date | None = field(init=False, default=None)
    listings: dict[tuple[str, str], list[list[Activity]]] = field(init=False, default_factory=dict)  # (year, category) -> [[activity, …] per page]
    activity_urls: dict[str, str] = field(init=False, default_factory=dict)  # activity id -> URL of its listing page
    in_order: list[Activity] = field(init=False, default_factory=list)  # every activity, in activity_order
    rank: dict[str, int] = field(init=False, default_factory=dict)  # activity id -> its place in in_order: a cheap sort key
    figures: dict[str, Figures] = field(init=False, default_factory=dict)  # activity id -> Figures, read once
    memo: Memo = field(default_factory=Memo, compare=False, repr=False)
    # The records of each programme type, typed (generator/typed.py): set from `records`.
    localities: dict[str, Locality] = field(init=False, compare=False, repr=False)
    organizations: dict[str, Organization] = field(init=False, compare=False, repr=False)
    documents: dict[str, Document] = field(init=False, compare=False, repr=False)
    partnerships: dict[str, Partnership] = field(init=False, compare=False, repr=False)
    activities: dict[str, Activity] = field(init=False, compare=False, repr=False)
    reported_totals: dict[str, ReportedTotal] = field(init=False, compare=False, repr=False)
    programmes: dict[str, Programme] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Attributes rather than properties: pages read them hundreds of thousands of times.
        for name, record_type in (("localities", "locality"), ("organizations", "organization"),
                                  ("documents", "document"), ("partnerships", "partnership"),
                                  ("activities", "activity"), ("reported_totals", "reported-total"), ("programmes", "programme")):
            object.__setattr__(self, name, self.records.get(record_type, {}))
        if self.indexed:
            for name, value in _indexes(self).items():
                object.__setattr__(self, name, value)

    @property
    def identity(self) -> Identity:
        """The site's name, description and repository (the context's)."""
        return self.context.identity

    def vocabulary(self, vocabulary_id: str) -> dict[str, Record]:
        known = self.memo.vocabularies
        if vocabulary_id not in known:
            data = self.records.get("vocabulary", {}).get(vocabulary_id)
            known[vocabulary_id] = {item["code"]: item for item in data["items"]} if data else {}
        return known[vocabulary_id]

    def label(self, vocabulary_id: str, code: str) -> str:
        item = self.vocabulary(vocabulary_id).get(code)
        return clean(item["label"]) if item else code

    def tag_label(self, code: str) -> str:
        """A tag's label, from whichever tag vocabulary holds it (QĐ 1719, QĐ 90, new-rural criteria)."""
        for vocabulary_id in TAG_VOCABULARIES:
            if code in self.vocabulary(vocabulary_id):
                return self.label(vocabulary_id, code)
        return code

    def category_group(self, category: str) -> str | None:
        return self.vocabulary("support-categories").get(category, {}).get("group")

    def groups(self) -> dict[str, str]:
        if self.memo.groups is None:
            data = self.records.get("vocabulary", {}).get("support-categories") or {}
            self.memo.groups = {g["code"]: clean(g["label"]) for g in data.get("groups", [])}
        return self.memo.groups

    def is_gift(self, category: str) -> bool:
        return self.flagged(category, "gift")

    def flagged(self, category: str, flag: str) -> bool:
        """Whether a support category is of a kind the plan counts apart: "gift", "training"."""
        return bool(self.vocabulary("support-categories").get(category, {}).get(flag))

    # Figures -----------------------------------------------------------------
    def totals(self, activities: Iterable[Record]) -> Totals:
        """Totals of some activity records."""
        return totals_of(self.figures[a["id"]] for a in activities)

    def totals_of_ids(self, activity_ids: Iterable[str]) -> Totals:
        return totals_of(self.figures[a] for a in activity_ids)

    def other_direction(self) -> frozenset[str]:
        """The activities in which the twinned locality gave to its sponsor (facts.to_sponsor): a
        few, named apart on every page that lists activities."""
        if self.memo.other_direction is None:
            self.memo.other_direction = frozenset(a["id"] for a in self.in_order if to_sponsor(a))
        return self.memo.other_direction

    def in_date_order(self, activity_ids: Iterable[str]) -> list[str]:
        """Activity ids sorted by activity_order (date, then id)."""
        return sorted(activity_ids, key=self.rank.__getitem__)

    def partnership_totals(self, partnership_id: str) -> Totals:
        """Totals of one partnership's activities (shared: do not modify)."""
        key = ("partnership", partnership_id)
        if key not in self.memo.totals:
            self.memo.totals[key] = self.totals_of_ids(self.activities_of_partnership.get(partnership_id, []))
        return self.memo.totals[key]

    def locality_totals(self, locality_id: str) -> Totals:
        """Totals of the activities that took place in one locality (shared: do not modify)."""
        key = ("locality", locality_id)
        if key not in self.memo.totals:
            self.memo.totals[key] = self.totals_of_ids(self.activities_of_locality.get(locality_id, []))
        return self.memo.totals[key]

    # Names -------------------------------------------------------------------
    def _bare_locality_name(self, locality: Record) -> str:
        level = self.label("locality-levels", locality["level"])
        return f"{level[:1].lower()}{level[1:]} {clean(locality['name'])}"

    def locality_name(self, locality_id: str) -> str:
        """'xã Phước Chánh': the level in lower case, then the name. A unit that shares that name
        with another (a commune of 2020 and its successor of 2025) is told apart by its parent and
        period: 'xã Trà Leng (huyện Nam Trà My, đến 30/6/2025)'. The one name of a unit on every
        title, heading, table, search result, dropdown and download."""
        key = ("locality", locality_id)
        if key not in self.memo.names:
            locality = self.localities.get(locality_id)
            if not locality:
                return locality_id
            name = self._bare_locality_name(locality)
            if self._shared_names().get(name, 0) > 1:
                name = f"{name} ({self._whereabouts(locality)})"
            self.memo.names[key] = name
        return self.memo.names[key]

    def _shared_names(self) -> dict[str, int]:
        """How many units bear each bare name, counted once per render."""
        if self.memo.shared_names is None:
            counts: dict[str, int] = {}
            for locality in self.localities.values():
                bare = self._bare_locality_name(locality)
                counts[bare] = counts.get(bare, 0) + 1
            self.memo.shared_names = counts
        return self.memo.shared_names

    def _whereabouts(self, locality: Record) -> str:
        """Its parent and period, as far as the record gives them: 'huyện Nam Trà My, đến 30/6/2025'."""
        parts = []
        parent = self.localities.get(locality.get("parent", ""))
        if parent:
            parts.append(self._bare_locality_name(parent))
        start, end = locality.get("valid_from"), locality.get("valid_to")
        if start and end:
            parts.append(f"{formats.date(start)} – {formats.date(end)}")
        elif start:
            parts.append(_("từ {date}").format(date=formats.date(start)))
        elif end:
            parts.append(_("đến {date}").format(date=formats.date(end)))
        return ", ".join(parts)

    def sponsor_name(self, organization_id: str) -> str:
        organization = self.organizations.get(organization_id)
        if not organization:
            return organization_id
        return clean(organization.get("short_name") or organization["name"])

    def partnership_name(self, partnership_id: str) -> str:
        key = ("partnership", partnership_id)
        if key not in self.memo.names:
            partnership = self.partnerships[partnership_id]
            sponsors = ", ".join(self.sponsor_name(s) for s in partnership["sponsors"])
            self.memo.names[key] = f"{sponsors} – {self.locality_name(partnership['locality'])}"
        return self.memo.names[key]

    def document_name(self, document_id: str) -> str:
        document = self.documents.get(document_id)
        return clean(document.get("number") or document["title"]) if document else document_id

    def name_of(self, record_type: str, record_id: str) -> str:
        """How pages name a record: a type without a namer of its own shows its name or title."""
        if record_type == "locality":
            return self.locality_name(record_id)
        if record_type == "organization":
            return self.sponsor_name(record_id)
        if record_type == "partnership":
            return self.partnership_name(record_id)
        if record_type == "document":
            return self.document_name(record_id)
        data = self.records.get(record_type, {}).get(record_id, {})
        return clean(data.get("short_name") or data.get("name") or data.get("title") or record_id)

    def by_name(self, record_type: str, ids: Iterable[str], name: Callable[[str], str] | None = None) -> list[str]:
        if name is None:
            # Localities sort by their own name, not "xã …": a district's communes in alphabetical order.
            name = (lambda i: clean(self.localities[i]["name"])) if record_type == "locality" else (
                lambda i: self.name_of(record_type, i))
        return sorted(ids, key=lambda i: (sort_key(name(i)), i))

    # Places ------------------------------------------------------------------
    def places(self, activity: Record) -> tuple[str, ...]:
        """Where an activity took place: one locality, or the communes it served together
        (validated records: its partnership exists)."""
        return places_of(activity, self.partnerships[activity["partnership"]])

    def district_of(self, locality_id: str) -> str | None:
        locality = self.localities.get(locality_id)
        parent = locality.get("parent") if locality else None
        return parent if parent in self.localities else None

    def is_commune(self, locality_id: str) -> bool:
        locality = self.localities.get(locality_id)
        return locality is not None and locality["level"] in COMMUNE_LEVELS

    def is_border(self, locality_id: str) -> bool:
        locality = self.localities.get(locality_id)
        return bool(locality and "land_border" in locality and locality["land_border"]["value"])

    def target_communes(self, programme_id: str) -> list[str]:
        """The communes a programme helps: those it names, and every commune of the districts
        it names as they stood on its day (the plan's communes, not later mergers)."""
        targets = self.programmes[programme_id].get("targets", {})
        named = set(targets.get("localities", ()))
        day = first_day(targets["date"]) if "date" in targets else None
        for district in targets.get("within", ()):
            named.update(c for c in self.children.get(district, [])
                         if self.localities[c]["level"] in COMMUNE_LEVELS and (day is None or valid_on(self.localities[c], day)))
        return self.by_name("locality", named)

    def district_counts(self, programme_id: str) -> list[tuple[str, int]]:
        """(district, number of communes) a programme helps where its source gives a number and
        no names: those communes are unknown, so no share is computed over them."""
        targets = self.programmes[programme_id].get("targets", {})
        return [(d["district"], d["count"]) for d in targets.get("by_district", ())]

    def earlier_phase(self, programme_id: str) -> bool:
        """A programme that ended before another of the same area began: the history of that one,
        shown apart from the figures of the programmes in force since."""
        period = self.programmes[programme_id]["period"]
        if "end" not in period:
            return False
        area = self.programmes[programme_id]["area"]
        return any(other["area"] == area and other["id"] != programme_id
                   and first_day(period["end"]) <= first_day(other["period"]["start"])
                   for other in self.programmes.values())

    def programmes_in_order(self) -> list[str]:
        """The live programmes first (no end), then the newest: what readers look for today."""
        return sorted(self.programmes, key=lambda p: ("end" in self.programmes[p]["period"],
                                                       _negated(self.programmes[p]["period"]["start"]), p))

    def partnerships_of_programme(self, programme_id: str) -> list[str]:
        """A programme's partnerships, by name (shared: do not modify)."""
        known = self.memo.programmes
        if programme_id not in known:
            known[programme_id] = self.by_name(
                "partnership", [p for p, d in self.partnerships.items() if d["programme"] == programme_id])
        return known[programme_id]

    def file_of(self, record_type: str, record_id: str) -> str:
        path = self.files.get((record_type, record_id))
        return path or f"records/{folder_of(record_type)}/{record_id}.yaml"


def _negated(text: str) -> tuple[int, ...]:
    """A sort key that puts later dates as written first."""
    return tuple(-ord(c) for c in text)


def _append(index: dict[str, list[T]], key: str, value: T) -> None:
    index.setdefault(key, []).append(value)


def _newest_date(records: dict[str, dict[str, Record]]) -> datetime.date | None:
    """Date of the newest programme record: activities that took place and the sources
    cited by sponsors, partnerships and activities (reference documents and localities
    are not news of the programme). Planned activities look ahead, so they do not count.
    Dates as written ("2023", "2023-01", "2023-01-06") sort as text in the order of their first days."""
    newest = ""
    for activity in records.get("activity", {}).values():
        if took_place(activity) and activity["date"] > newest:
            newest = activity["date"]
    for record_type in ("organization", "partnership", "activity"):
        for data in records.get(record_type, {}).values():
            for source in data.get("sources", ()):
                if source["date"] > newest:
                    newest = source["date"]
    return first_day(newest) if newest else None


def _cited_by(records: dict[str, dict[str, Record]]) -> dict[str, list[tuple[str, str]]]:
    """document id -> [(record type, id)] of the records that cite it, as the validator reads references."""
    cited: dict[str, list[tuple[str, str]]] = {}
    for record_type, by_id in records.items():
        for record_id, data in by_id.items():
            for _path, target, document in TYPES[record_type].references_in(data):
                if target == "document":
                    _append(cited, document, (record_type, record_id))
    return {doc: sorted(set(refs)) for doc, refs in cited.items()}


def _repository_path(path, root: str) -> str:
    """'records/…' for a file below the records folder `root` (resolved), whatever the
    working directory is. Discovery gives absolute paths: usually a prefix test is enough."""
    text = str(path)
    if not text.startswith(root + os.sep):
        text = os.path.realpath(text)
        if not text.startswith(root + os.sep):
            raise ValueError(f"{path} is not below {root}")
    return "records/" + text[len(root) + 1 :].replace(os.sep, "/")


def _in_repository(diagnostic: Diagnostic, root: str) -> Diagnostic:
    try:
        return dataclasses.replace(diagnostic, file=_repository_path(diagnostic.file, root))
    except ValueError:
        return diagnostic


def records_only(records: dict[str, dict[str, Record]], files: dict[tuple[str, str], str] | None = None,
                 diagnostics: list[Diagnostic] | None = None) -> Site:
    """A site of the records alone: their names and labels, none of the pages' indexes (what the
    spreadsheet import and the workbooks read)."""
    return Site(records=records, files=files or {}, diagnostics=diagnostics or [])


def build_site(result, context: Context) -> Site:
    """Resolve and index the ledger of a validation result, for the project `context` describes.
    Reads no file: the records' paths are made relative to the records folder validated."""
    records = {t: {i: r.data for i, r in sorted(by_id.items())} for t, by_id in sorted(result.ledger.records.items())}
    root = os.path.realpath(result.root)
    return Site(
        records=records,
        files={(f.type, f.id): _repository_path(f.path, root) for f in result.files if f.type},
        diagnostics=[_in_repository(d, root) for d in result.diagnostics],
        context=context,
        indexed=True,
    )


def _indexes(site: Site) -> dict[str, Any]:
    """The indexes the pages read (Site's fields by name), made from the records of `site`: its
    names (and so the orders below) need nothing else, and are kept in its memo for the pages."""
    activities = sorted(site.activities.values(), key=activity_order)
    of_partnership, of_locality = _activities_by(site, activities)
    partnerships_of_locality, partnerships_of_sponsor = _partnerships_by(site)
    children, predecessors = _units_by(site)
    listings, activity_urls = _paginate(activities)
    return {
        "activities_of_partnership": of_partnership,
        "partnerships_of_locality": partnerships_of_locality,
        "partnerships_of_sponsor": partnerships_of_sponsor,
        "activities_of_locality": of_locality,
        "children": children,
        "predecessors": predecessors,
        "cited_by": _cited_by(site.records),
        "newest": _newest_date(site.records),
        "listings": listings,
        "activity_urls": activity_urls,
        "in_order": activities,
        "rank": {activity["id"]: place for place, activity in enumerate(activities)},
        "figures": {activity["id"]: figures_of(activity) for activity in activities},
    }


def _activities_by(named: Site, activities: list[Activity]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Activity ids by partnership and by locality, in date order."""
    of_partnership: dict[str, list[str]] = {}
    of_locality: dict[str, list[str]] = {}
    for activity in activities:
        _append(of_partnership, activity["partnership"], activity["id"])
        # A joint activity is listed at each commune it served; area totals count it once.
        for place in places_of(activity, named.partnerships[activity["partnership"]]):
            _append(of_locality, place, activity["id"])
    return of_partnership, of_locality


def _partnerships_by(named: Site) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Partnership ids by locality and by sponsor, by name."""
    of_locality: dict[str, list[str]] = {}
    of_sponsor: dict[str, list[str]] = {}
    for pid in named.by_name("partnership", named.partnerships):
        partnership = named.partnerships[pid]
        for place in localities_of(partnership):
            _append(of_locality, place, pid)
        for sponsor in partnership["sponsors"]:
            _append(of_sponsor, sponsor, pid)
    return of_locality, of_sponsor


def _units_by(named: Site) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Locality ids by parent and by successor, by name."""
    children: dict[str, list[str]] = {}
    predecessors: dict[str, list[str]] = {}
    for lid in named.by_name("locality", named.localities):
        locality = named.localities[lid]
        if locality.get("parent"):
            _append(children, locality["parent"], lid)
        if locality.get("successor"):
            _append(predecessors, locality["successor"], lid)
    return children, predecessors


def listing_url(year: str, category: str, page: int) -> str:
    return urls.paged(urls.activity_list(year, category), page)


def _paginate(activities: list[Activity]) -> tuple[dict[tuple[str, str], list[list[Activity]]], dict[str, str]]:
    """Each (year, category) listing cut into pages, and the page where each activity is."""
    lists: dict[tuple[str, str], list[Activity]] = {}
    for activity in activities:
        lists.setdefault((year_of(activity), activity["category"]), []).append(activity)
    listings, activity_urls = {}, {}
    for (year, category), items in sorted(lists.items()):
        chunks = [items[i : i + LISTING_PAGE_SIZE] for i in range(0, len(items), LISTING_PAGE_SIZE)]
        listings[(year, category)] = chunks
        for number, chunk in enumerate(chunks, 1):
            url = listing_url(year, category, number)
            for activity in chunk:
                activity_urls[activity["id"]] = url
    return listings, activity_urls


def last_activity(
    site: Site, partnership_id: str, until: datetime.date | None = None
) -> tuple[datetime.date, str] | None:
    """(last day, date as written) of a partnership's latest activity that took place (and, given
    `until`, began by that day): a date known only to the year is compared by its last day and
    shown as it was written."""
    latest = [
        (last_day(written), written)
        for written in (
            site.activities[a].get("end_date") or site.activities[a]["date"]
            for a in site.activities_of_partnership.get(partnership_id, [])
            if took_place(site.activities[a])
            and (until is None or first_day(site.activities[a]["date"]) <= until)
        )
    ]
    return max(latest, default=None)
