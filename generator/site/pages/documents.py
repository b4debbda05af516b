"""Văn bản: legal basis and reports, each with what cites it."""

from __future__ import annotations

from collections.abc import Iterator

from ...i18n import _, ngettext
from ...registry import TYPES
from ...view import formats, urls
from ...view.escape import external_link, h, link
from ...view.model import Site
from ..html_table import cell, table
from .links import folder_note, ref, source_note, sources_html
from .page import Page, bullets, facts, heading, para

INDEX = urls.section("document")
# Partnerships listed on a document's page: a programme's basis is cited by each of its. Past
# this many, the open data (every field of every partnership) has the rest.
CITATIONS_SHOWN = 100


def _citation(site: Site, url: str, record_type: str, record_id: str) -> str:
    if record_type == "vocabulary":
        return h(_("Danh mục: {title}").format(title=site.records["vocabulary"][record_id]["title"]))
    return ref(site, url, record_type, record_id)


def _citing_types(present: set[str]) -> list[str]:
    """Partnerships first (the programme's own citations), then the registry's order."""
    order = list(TYPES)
    return sorted(present, key=lambda t: (t != "partnership", order.index(t)))


def document_page(site: Site, did: str) -> Page:
    document = site.documents[did]
    url = urls.entity("document", did)
    rows = [
        (_("Số hiệu"), h(document.get("number", ""))),
        (_("Loại"), h(site.label("document-kinds", document["kind"]))),
        (_("Trích yếu"), h(document["title"])),
        (_("Cơ quan ban hành"), h(document["issuer"])),
        (_("Ngày ban hành"), h(formats.date(document["date"])) if document.get("date") else ""),
        (_("Ngày có hiệu lực"), h(formats.date(document["effective_from"])) if document.get("effective_from") else ""),
        (_("Toàn văn"), external_link(document.get("url"), document["url"]) if document.get("url") else ""),
        (_("Tóm tắt"), h(document.get("summary", ""))),
        (_("Nguồn"), sources_html(document["sources"]) if document.get("sources") else ""),
    ]
    citations = site.cited_by.get(did, [])
    body = [facts(rows), heading(_("Được dẫn chiếu bởi"))]
    if citations:
        for record_type in _citing_types({citing for citing, _id in citations}):
            ids = [i for t, i in citations if t == record_type]
            if ids:
                if record_type != "vocabulary":
                    ids = site.by_name(record_type, ids)
                label = _(TYPES[record_type].dataset_title or record_type)
                body.append(para(f"<strong>{label}</strong> ({formats.number(len(ids))})"))
                shown = ids[:CITATIONS_SHOWN] if record_type == "partnership" else ids
                body.append(bullets([_citation(site, url, record_type, i) for i in shown]))
                if len(shown) < len(ids):
                    data = link(urls.relative(url, urls.OPEN_DATA), _("Dữ liệu mở"))
                    rest = len(ids) - len(shown)
                    text = ngettext(
                        "Và {count} cặp kết nghĩa khác: đủ trong tệp cap-ket-nghia.json ở trang {page}.",
                        "Và {count} cặp kết nghĩa khác: đủ trong tệp cap-ket-nghia.json ở trang {page}.",
                        rest,
                    )
                    body.append(para(text.format(count=formats.number(rest), page=data)))
    else:
        body.append(para(_("Chưa có hồ sơ nào dẫn chiếu văn bản này.")))
    body.append(source_note(site, "document", did))
    title = f"{document['number']}: {document['title']}" if document.get("number") else document["title"]
    return Page(url, title, "".join(body), source=site.file_of("document", did))


def index_page(site: Site) -> Page:
    ids = sorted(site.documents, key=lambda d: (site.documents[d].get("date") or "", d))
    rows = [
        [
            cell(ref(site, INDEX, "document", d)),
            cell(h(site.documents[d]["title"])),
            cell(h(site.label("document-kinds", site.documents[d]["kind"]))),
            cell(
                h(formats.date(site.documents[d]["date"])) if site.documents[d].get("date") else "",
                site.documents[d].get("date", ""),
            ),
            cell(formats.number(len(site.cited_by.get(d, []))), len(site.cited_by.get(d, []))),
        ]
        for d in ids
    ]
    body = para(_("Các văn bản làm căn cứ cho chương trình kết nghĩa, cho việc sắp xếp địa bàn và cho các danh mục."))
    body += table([_("Số hiệu"), _("Trích yếu"), _("Loại"), _("Ngày"), _("Số hồ sơ dẫn chiếu")], rows)
    body += folder_note(site, "documents")
    return Page(INDEX, _("Văn bản"), body)


def pages(site: Site) -> Iterator[Page]:
    yield index_page(site)
    yield from (document_page(site, d) for d in site.documents)
