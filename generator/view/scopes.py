"""Which activities a page, a feed, a report or a workbook counts: an area's (a locality and every
unit below it, each activity once), a programme's, a sponsor's."""

from __future__ import annotations

from .model import COMMUNE_LEVELS, DISTRICT_LEVELS, Site
from .totals import Totals


def area_ids(site: Site, locality_id: str) -> list[str]:
    """The locality and every unit below it: a district's communes, the province's districts and theirs."""
    found = [locality_id]
    for child in site.children.get(locality_id, []):
        found += area_ids(site, child)
    return found


def area_activities(site: Site, locality_id: str) -> list[str]:
    """Activities in the area, each once: a joint activity of two of its communes too (shared:
    do not modify; a province's area is every activity, asked for by several pages)."""
    known = site.memo.areas
    if locality_id not in known:
        ids = {a for lid in area_ids(site, locality_id) for a in site.activities_of_locality.get(lid, [])}
        known[locality_id] = site.in_date_order(ids)
    return known[locality_id]


def area_totals(site: Site, locality_id: str) -> Totals:
    key = ("area", locality_id)
    if key not in site.memo.totals:
        site.memo.totals[key] = site.totals_of_ids(area_activities(site, locality_id))
    return site.memo.totals[key]


def area_partnerships(site: Site, locality_id: str) -> list[str]:
    """Twinned with the area, then those active in it through a partnership with a wider area
    (shared: do not modify; a locality's page, its parent's and its successor's ask for it)."""
    known = site.memo.area_partnerships
    if locality_id not in known:
        places = area_ids(site, locality_id)
        twinned = {p for place in places for p in site.partnerships_of_locality.get(place, [])}
        active = {
            site.activities[a]["partnership"] for place in places for a in site.activities_of_locality.get(place, [])
        } - twinned
        known[locality_id] = site.by_name("partnership", twinned) + site.by_name("partnership", active)
    return known[locality_id]


def reports_on_its_own(site: Site, locality_id: str) -> bool:
    """Whether a locality has its own yearly summaries and feed: a district; a commune under no
    district (the communes of a city since 2025, which report to it directly); the area of a
    running programme (the city). A commune of a district is in its district's."""
    locality = site.localities[locality_id]
    if locality["level"] in DISTRICT_LEVELS:
        return True
    if locality["level"] in COMMUNE_LEVELS:
        parent = site.localities.get(locality.get("parent", ""))
        return not parent or parent["level"] not in DISTRICT_LEVELS
    return any(p["area"] == locality_id and "end" not in p["period"] for p in site.programmes.values())


def reporting_units(site: Site) -> list[str]:
    """The localities with summaries and feeds of their own, by id."""
    return sorted(lid for lid in site.localities if reports_on_its_own(site, lid))


def programme_activities(site: Site, programme_id: str) -> list[str]:
    """The activities of a programme's partnerships, in date order."""
    known = site.memo.programme_activities
    if programme_id not in known:
        partnerships = set(site.partnerships_of_programme(programme_id))
        known[programme_id] = [a["id"] for a in site.in_order if a["partnership"] in partnerships]
    return known[programme_id]


def sponsor_activities(site: Site, oid: str) -> list[str]:
    """The activities of every partnership a sponsor stands in, in date order."""
    ids = [a for p in site.partnerships_of_sponsor.get(oid, []) for a in site.activities_of_partnership.get(p, [])]
    return site.in_date_order(ids)


def offers_workbook(site: Site, record_type: str, record_id: str) -> bool:
    """Whether a page offers a workbook: a partnership's, a sponsor's, and a locality's that reports
    on its own (a district, a commune under no district), not the province's or the city's."""
    if record_type != "locality":
        return record_type in ("partnership", "organization")
    level = site.localities[record_id]["level"]
    return level in DISTRICT_LEVELS | COMMUNE_LEVELS and reports_on_its_own(site, record_id)


def workbook_activities(site: Site, record_type: str, record_id: str) -> list[str]:
    """The activities a page's workbook holds, in date order; none for a page that offers none."""
    if not offers_workbook(site, record_type, record_id):
        return []
    if record_type == "partnership":
        return site.activities_of_partnership.get(record_id, [])
    if record_type == "organization":
        return site.in_date_order(a for p in site.partnerships_of_sponsor.get(record_id, [])
                                  for a in site.activities_of_partnership.get(p, []))
    return area_activities(site, record_id)
