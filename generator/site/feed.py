"""Atom feeds (RFC 4287) of activities, newest first: one of every activity, one per programme,
per locality that reports on its own (a district, a commune of a city since 2025, the city:
areas.reports_on_its_own) and per sponsor, announced by their pages (`<link rel="alternate feed">`)
and linked on them in words ("Theo dõi").

Record text is hostile: every text goes through `_text` (escaped, characters XML 1.0 forbids
removed) and is declared `type="text"`, so a reader never renders it as markup. Entry ids are
tag URIs made of the activity's id (RFC 4151): they stay the same across builds and hosts.
Links are relative to the feed, so the feeds work from any address the site is served at.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from ..dates import first_day
from ..i18n import _, language
from ..typed import Activity
from ..view import formats, urls
from ..view.escape import clean
from ..view.model import Site
from ..view.scopes import area_activities, programme_activities, reporting_units, sponsor_activities

ENTRIES = 50  # the newest activities of each feed; the downloads hold them all
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _tag(site: Site) -> str:
    """The tag URI the ids of the feeds start with: the project's repository (host, path)."""
    host, _, path = site.identity.repository.partition("//")[2].partition("/")
    return f"tag:{host},2020:{path}" if host and path else "tag:ket-nghia.invalid,2020:ledger"


def _xml_chars(value: str) -> str:
    """`value` without the characters XML 1.0 forbids; none of them is printable, and most texts are."""
    return value if value.isprintable() else _NOT_XML.sub("", value)


def _text(value: str) -> str:
    return escape(_xml_chars(clean(value)))


def _attr(value: str) -> str:
    return quoteattr(_xml_chars(value))


def _stamp(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entry_id(site: Site, activity_id: str) -> str:
    return f"{_tag(site)}/activity/{activity_id}"


def newest_first(site: Site, activity_ids: Iterable[str]) -> list[Activity]:
    ordered = site.in_date_order(activity_ids)
    return [site.activities[i] for i in reversed(ordered[-ENTRIES:])]


def _summary(site: Site, activity: Activity) -> str:
    parts = [
        site.label("support-categories", activity["category"]),
        ", ".join(site.locality_name(p) for p in site.places(activity)),
        site.partnership_name(activity["partnership"]),
        site.label("activity-statuses", activity["status"]),
    ]
    delivered = site.figures[activity["id"]].delivered
    if delivered is not None:
        parts.append(_("Đã thực hiện: {value}").format(value=formats.dong(delivered)))
    text = " · ".join(parts)
    if activity.get("description"):
        text += ". " + clean(activity["description"])
    return text


def _entry(site: Site, feed_url: str, activity: Activity) -> str:
    """An activity's entry: the same in every feed of one depth (its programme's, its district's,
    its sponsors'), its link being relative to the feed."""
    key = (feed_url.count("/"), activity["id"])
    entries = site.memo.feed_entries
    if key not in entries:
        entries[key] = _new_entry(site, feed_url, activity)
    return entries[key]


def _new_entry(site: Site, feed_url: str, activity: Activity) -> str:
    page = urls.activity(activity["id"], site.activity_urls)
    day = _stamp(first_day(activity["date"]))
    sponsors = site.partnerships[activity["partnership"]]["sponsors"]
    authors = "".join(f"<author><name>{_text(site.sponsor_name(s))}</name></author>" for s in sponsors)
    return (
        "<entry>"
        f"<id>{_text(entry_id(site, activity['id']))}</id>"
        f'<title type="text">{_text(activity["title"])}</title>'
        f"<link rel=\"alternate\" type=\"text/html\" href={_attr(urls.relative(feed_url, page))}/>"
        f"<updated>{day}</updated><published>{day}</published>"
        f"{authors}"
        f"<category term={_attr(activity['category'])} label={_attr(site.label('support-categories', activity['category']))}/>"
        f'<summary type="text">{_text(_summary(site, activity))}</summary>'
        "</entry>\n"
    )


def feed(site: Site, feed_url: str, page_url: str, title: str, activity_ids: Iterable[str]) -> bytes:
    entries = newest_first(site, activity_ids)
    updated = max((first_day(a["date"]) for a in entries), default=site.newest or datetime.date(2020, 1, 1))
    subtitle = _("Các hoạt động mới nhất, mới trước cũ sau (tối đa {count}).").format(count=ENTRIES)
    rights = _("Dữ liệu theo giấy phép CC BY 4.0")
    head = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{language()}">\n'
        f"<id>{_text(f'{_tag(site)}/feed/{feed_url}')}</id>\n"
        f'<title type="text">{_text(title)}</title>\n'
        f'<subtitle type="text">{_text(subtitle)}</subtitle>\n'
        f"<updated>{_stamp(updated)}</updated>\n"
        f"<link rel=\"self\" type=\"application/atom+xml\" href={_attr(urls.relative(feed_url, feed_url))}/>\n"
        f"<link rel=\"alternate\" type=\"text/html\" href={_attr(urls.relative(feed_url, page_url))}/>\n"
        f"<author><name>{_text(site.identity.name)}</name></author>\n"
        f'<rights type="text">{_text(rights)}</rights>\n'
    )
    return (head + "".join(_entry(site, feed_url, a) for a in entries) + "</feed>\n").encode("utf-8")


def files(site: Site) -> dict[str, bytes]:
    """{path below the site root: bytes}"""
    out = {
        urls.feed(): feed(site, urls.feed(), urls.ACTIVITY_INDEX,
                          _("{site}: hoạt động mới").format(site=site.identity.name),
                          site.activities)
    }
    for pid in sorted(site.programmes):
        url = urls.feed("programme", pid)
        title = _("{name}: hoạt động mới").format(name=site.name_of("programme", pid))
        out[url] = feed(site, url, urls.entity("programme", pid), title, programme_activities(site, pid))
    for lid in reporting_units(site):
        url = urls.feed("locality", lid)
        title = _("{name}: hoạt động mới").format(name=site.locality_name(lid))
        out[url] = feed(site, url, urls.entity("locality", lid), title, area_activities(site, lid))
    for oid in sorted(site.organizations):
        url = urls.feed("organization", oid)
        title = _("{name}: hoạt động mới").format(name=site.sponsor_name(oid))
        out[url] = feed(site, url, urls.entity("organization", oid), title, sponsor_activities(site, oid))
    return out

