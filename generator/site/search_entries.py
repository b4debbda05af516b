"""Activities for the search index: each found on its own row of its listing page.

Activities have no page of their own and their rows are in tables kept out of the pages'
search text, so the generator writes what search needs of them into a file beside the
pages (ENTRIES, a dot file: MkDocs does not publish it), which the plugin folds into the
index with the pages (search_index.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from . import formats
from .escape import clean
from .model import Site
from .search_index import ACTIVITY_RANK, Entry

ENTRIES = ".tim-kiem-hoat-dong.json"


def activity_entry(site: Site, activity_id: str) -> list[str]:
    """[URL with the row's anchor, title, context shown under it, text searched]."""
    activity = site.activities[activity_id]
    place = site.place(activity)
    district = site.district_of(place)
    context = f"{formats.date(activity['date'])} · {site.locality_name(place)}"
    text = [
        site.partnership_name(activity["partnership"]),
        site.label("support-categories", activity["category"]),
        site.locality_name(district) if district else "",
        activity.get("description") or "",
        activity.get("value", {}).get("mobilised_from") or "",
        (activity.get("beneficiaries") or {}).get("note") or "",
        *(site.tag_label(t) for t in activity.get("tags", [])),
    ]
    url = f"{site.activity_urls[activity_id]}#{activity_id}"
    return [url, clean(activity["title"]), context, clean(" ".join(t for t in text if t))]


def entries_file(site: Site) -> bytes:
    entries = [activity_entry(site, a) for a in sorted(site.activities)]
    return json.dumps(entries, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def read(generated: Path) -> list[Entry]:
    """The activities' entries the generator wrote into the folder `generated`, if any."""
    path = generated / ENTRIES
    if not path.is_file():
        return []
    return [Entry(url, title, context, text, ACTIVITY_RANK) for url, title, context, text in json.loads(path.read_bytes())]
