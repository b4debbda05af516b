"""The workbooks the site offers: a page's activities pre-filled in the import's template, to
correct or withdraw in Excel and send back, and the blank templates (export.py, template.py).

One per partnership, sponsor and district (and commune under no district) with activities, each
holding those the page shows (view/scopes.py); the same records give the same bytes (the
workbooks' dates and properties are fixed). The pages' line offering them is site/workbooks.py.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..view import urls
from ..view.model import Site
from ..view.scopes import workbook_activities
from .export import Filler
from .template import template_parts, zipped


def _offered(site: Site) -> Iterator[tuple[str, str]]:
    for record_type, ids in (("partnership", site.partnerships), ("organization", site.organizations),
                             ("locality", site.localities)):
        for record_id in ids:
            yield record_type, record_id


def files(site: Site) -> dict[str, bytes]:
    """Every workbook the site offers, by its path below the generated folder."""
    return dict(each_file(site))


def each_file(site: Site) -> Iterator[tuple[str, bytes]]:
    """(path below the generated folder, bytes) of every workbook the site offers, one at a time:
    the render writes each as it comes (some 250 MB together at ten times province scale)."""
    filler = Filler(site, "activity")
    for record_type in urls.TEMPLATES:  # the blank templates; the activities' with the names the filler read
        names = filler.names if record_type == filler.record_type else None
        yield urls.workbook(record_type), zipped(template_parts(site, record_type, names))
    for record_type, record_id in _offered(site):
        activity_ids = workbook_activities(site, record_type, record_id)
        if activity_ids:
            yield urls.workbook(record_type, record_id), filler.xlsx(activity_ids)[0]
