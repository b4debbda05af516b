"""Activities for the search index: each found on its own row of its listing page.

Activities have no page of their own and their rows are in tables kept out of the pages'
search text, so the render lists what search needs of them (ENTRIES, among the files it
returns but never written: docs_folder.py folds it into the index with the pages' entries).
One activity a line, its four fields apart by tabs (the text searched has its tabs and line
feeds made spaces; the title and context are single-spaced already): at province scale 20 MB,
which JSON took three times as long to make.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..files import Data, Parts, parts_of
from ..view import formats, urls
from ..view.escape import clean
from ..view.model import Site
from .search_index import ACTIVITY_RANK, Entry

ENTRIES = ".tim-kiem-hoat-dong.tsv"


def activity_entry(site: Site, activity_id: str, common: dict[tuple[str, str, str], tuple[str, str]]) -> list[str]:
    """[URL with the row's anchor, title, context shown under it, text searched]. The text is
    only searched, never shown: record text as written, folded by the index."""
    activity = site.activities[activity_id]
    places = site.places(activity)  # a joint activity: every commune it served
    key = (activity["partnership"], activity["category"], " ".join(places))
    if key not in common:  # the same few hundred partnerships, categories and places recur
        district = site.district_of(places[0])
        common[key] = ", ".join(site.locality_name(p) for p in places), " ".join((
            site.partnership_name(activity["partnership"]),
            site.label("support-categories", activity["category"]),
            site.locality_name(district) if district else "",
        ))
    place_name, text = common[key]
    value = activity.get("value")
    beneficiaries = activity.get("beneficiaries")
    extra = [
        activity.get("description") or "",
        (value.get("mobilised_from") or "") if value else "",
        (beneficiaries.get("note") or "") if beneficiaries else "",
        *(site.tag_label(t) for t in activity.get("tags", ())),
    ]
    url = urls.activity(activity_id, site.activity_urls)
    context = f"{formats.date(activity['date'])} · {place_name}"
    return [url, clean(activity["title"]), context, " ".join((text, *extra)).replace("\t", " ").replace("\n", " ")]


# Activities per part of the entries (files.Parts): at ten times province scale the entries are
# some 200 MB, and made whole they took four times that at once.
PER_PART = 1000


def entries_file(site: Site) -> Parts:
    """Every activity's entry, a line each, in parts of whole lines, made as they are read."""
    common: dict[tuple[str, str, str], tuple[str, str]] = {}
    ids = sorted(site.activities)

    def parts() -> Iterator[bytes]:
        for start in range(0, len(ids), PER_PART):
            lines = ["\t".join(activity_entry(site, a, common)) + "\n" for a in ids[start:start + PER_PART]]
            yield "".join(lines).encode("utf-8")
    return Parts(parts())


def parse(data: Data) -> Iterator[Entry]:
    """The activities' entries listed by entries_file, part by part (each holds whole lines)."""
    for part in parts_of(data):
        for line in part.decode("utf-8").split("\n"):
            if line:
                url, title, context, text = line.split("\t")
                yield Entry(url, title, context, text, ACTIVITY_RANK)
