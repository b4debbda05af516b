"""Links from a page: to other records' pages, to the YAML behind it, to public sources."""

from __future__ import annotations

from collections.abc import Sequence

from ...facts import to_sponsor
from ...i18n import _
from ...typed import Activity, Source
from ...view import formats, urls
from ...view.escape import clean, external_link, h, link
from ...view.model import Site
from ...view.scopes import reports_on_its_own
from .page import para


def ref(site: Site, page_url: str, record_type: str, record_id: str, label: str | None = None) -> str:
    """Link to a record's page, escaped; plain text if the record has no page."""
    if label is not None:
        return _ref(site, page_url, record_type, record_id, label)
    # The same links recur on thousands of rows: one per folder depth is enough.
    key = (page_url.count("/"), record_type, record_id)
    links = site.memo.links
    if key not in links:
        links[key] = _ref(site, page_url, record_type, record_id, None)
    return links[key]


def _ref(site: Site, page_url: str, record_type: str, record_id: str, label: str | None) -> str:
    if label is None:
        label = site.name_of(record_type, record_id)
    if record_id not in site.records.get(record_type, {}):
        return h(label)
    return link(urls.relative(page_url, urls.entity(record_type, record_id)), h(label))


def activity_ref(site: Site, page_url: str, activity: Activity) -> str:
    target = urls.activity(activity["id"], site.activity_urls)
    return link(urls.relative(page_url, target), h(activity["title"])) + shared_mark(activity)


def shared_mark(activity: Activity) -> str:
    """After the title of an activity several communes shared: its figures are theirs together; or
    of help in the other direction: its figures are in no total of support to the localities."""
    mark = ""
    if to_sponsor(activity):
        mark += ' <span class="ledger-shared">' + h(_("(chiều ngược lại: địa bàn gửi tặng đơn vị kết nghĩa, "
                                                      "không tính vào tổng hỗ trợ)")) + "</span>"
    shared = len(activity.get("localities", ()))
    if shared:
        mark += ' <span class="ledger-shared">' + h(_("(chung của {count} xã)").format(count=shared)) + "</span>"
    return mark


def source_note(site: Site, record_type: str, record_id: str) -> str:
    path = site.file_of(record_type, record_id)
    # In words for residents; the file's path stays as the link, for those who check or correct it.
    note = _("Số liệu trang này lấy từ một tệp hồ sơ công khai, ai cũng xem và đề nghị sửa được: {file}").format(
        file=link(urls.yaml_url(site.identity.repository, path), h(path), external=True))
    return f'\n\n<p class="ledger-source">{note}</p>\n'


def folder_note(site: Site, folder: str) -> str:
    """For pages drawn from many records: the folder of YAML files behind them."""
    path = f"records/{folder}".rstrip("/") + "/"
    return para(_("Số liệu trang này lấy từ các tệp hồ sơ công khai, ai cũng xem và đề nghị sửa được: {file}").format(
        file=link(urls.folder_url(site.identity.repository, path), h(path), external=True)), "ledger-source")


def sources_html(sources: Sequence[Source]) -> str:
    items = []
    for source in sources:
        text = external_link(source.get("url"), source["title"])
        extra = [clean(source["publisher"]), formats.date(source["date"])]
        if source.get("identifier"):
            extra.append(clean(source["identifier"]))
        if source.get("no_url"):
            extra.append(_("không có đường dẫn: {reason}").format(reason=clean(source["no_url"])))
        elif not source.get("url"):
            extra.append(_("không có đường dẫn"))
        if source.get("note"):
            extra.append(clean(source["note"]))
        items.append(f"{text} ({h(', '.join(extra))})")
    return "; ".join(items)


def feed_meta(site: Site, record_type: str | None = None, record_id: str | None = None) -> dict[str, str]:
    """Front matter of a page that has an Atom feed (every activity's, a programme's, a locality's
    that reports on its own, a sponsor's): overrides/main.html writes its <link rel="alternate">."""
    if record_type is None:
        return {"feed": urls.feed(), "feed_title": _("Hoạt động mới (Atom)")}
    if record_type == "locality" and not reports_on_its_own(site, record_id or ""):
        return {}
    return {"feed": urls.feed(record_type, record_id), "feed_title": _("Hoạt động mới (Atom)")}


def follow(page_url: str, meta: dict[str, str]) -> str:
    """The page's feed, linked in words where a reader sees it (feed_meta's <link> is for programs)."""
    if not meta:
        return ""
    return para(_("Theo dõi: {feed}, dán địa chỉ này vào ứng dụng đọc tin để biết khi có hoạt động mới.").format(
        feed=link(urls.relative(page_url, meta["feed"]), _("hoạt động mới (Atom)"))), "ledger-follow")


def summary_links(site: Site, page_url: str, record_type: str, record_id: str, activity_ids: Sequence[str]) -> str:
    """Links to the yearly summaries (printable) of a district or a sponsor, one per year with activities."""
    years = sorted({site.activities[a]["date"][:4] for a in activity_ids})
    if not years:
        return ""
    links = " · ".join(link(urls.relative(page_url, urls.summary(record_type, record_id, y)), y) for y in years)
    return para(_("Sơ kết theo năm (bản để in): {years}").format(years=links))
