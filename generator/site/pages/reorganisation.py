"""A sponsor that is a commune's or ward's committee, across a reorganisation of its commune: the
units before and the unit after, each with the sponsors that stand for it and their partnerships,
so that a reader of the old committee's page finds the new one and the other way round."""

from __future__ import annotations

from ...i18n import _
from ...typed import Organization
from ...view import formats
from ...view.escape import h
from ...view.model import COMMUNE_LEVELS, Site
from ..html_table import cell, table
from .links import ref
from .page import heading, para


def sponsors_at(site: Site, lid: str) -> list[str]:
    """The sponsors whose record names this locality as theirs, by name; indexed once per site."""
    index = site.memo.sponsors_at
    if index is None:
        index = {}
        for oid in site.by_name("organization", site.organizations):
            place = site.organizations[oid].get("locality")
            if place:
                index.setdefault(place, []).append(oid)
        site.memo.sponsors_at = index
    return index.get(lid, [])


def successor_unit(site: Site, lid: str) -> str | None:
    """The commune-level unit formed from this one (or this one, when it was formed from others)
    and that has a start date to show; None for a unit that never changed."""
    locality = site.localities.get(lid)
    if locality is None or locality["level"] not in COMMUNE_LEVELS:
        return None
    after = locality.get("successor") or (lid if site.predecessors.get(lid) else None)
    if after is None or after not in site.localities or not site.localities[after].get("valid_from"):
        return None
    return after


def _row(site: Site, url: str, lid: str, when: str) -> list[str]:
    sponsors = sponsors_at(site, lid)
    partnerships = site.by_name("partnership", {p for oid in sponsors for p in site.partnerships_of_sponsor.get(oid, [])})
    return [
        cell(ref(site, url, "locality", lid)),
        cell(h(when)),
        cell(", ".join(ref(site, url, "organization", oid) for oid in sponsors)),
        cell(", ".join(ref(site, url, "partnership", pid) for pid in partnerships)),
    ]


def across_reorganisation(site: Site, url: str, organization: Organization) -> str:
    """The section of a sponsor page; empty for a sponsor that is not a commune's or whose
    commune did not change."""
    after = successor_unit(site, organization.get("locality", ""))
    if after is None:
        return ""
    since = site.localities[after]["valid_from"]
    rows = []
    for before in site.predecessors.get(after, []):
        ends = site.localities[before].get("valid_to")
        rows.append(_row(site, url, before, _("đến hết ngày {date}").format(date=formats.date(ends)) if ends else ""))
    rows.append(_row(site, url, after, _("từ ngày {date}").format(date=formats.date(since))))
    intro = _(
        "Từ ngày {date}, {unit} kế thừa địa bàn của các đơn vị dưới đây. Mỗi dòng nêu đơn vị kết nghĩa đại diện "
        "cho địa bàn đó và các cặp kết nghĩa của đơn vị ấy."
    ).format(date=h(formats.date(since)), unit=ref(site, url, "locality", after))
    headers = [_("Địa bàn"), _("Thời gian"), _("Đơn vị kết nghĩa"), _("Cặp kết nghĩa")]
    title = _("Trước và sau ngày {date}").format(date=formats.date(since))
    return heading(title) + para(intro) + table(headers, rows)
