"""Sharing: each built page has a meta description and Open Graph tags of its own, escaped."""

from __future__ import annotations

import html.parser

PAGES = ("index.html", "dia-ban/xa-la-dee/index.html", "don-vi/ban-dan-toc-tinh/index.html", "hoat-dong/2023/index.html",
         "cap-ket-nghia/index.html", "gioi-thieu/index.html", "kham-pha/index.html")


class _Meta(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: dict[str, list[str]] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("name") or a.get("property")):
            self.found.setdefault(a.get("name") or a.get("property"), []).append(a.get("content") or "")
        self._in_title = tag == "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        self._in_title = False


def _meta(built_site, path):
    parser = _Meta()
    parser.feed((built_site / path).read_text(encoding="utf-8"))
    return parser


def test_each_page_has_its_own_description_and_open_graph_tags(built_site):
    descriptions = {}
    for path in PAGES:
        meta = _meta(built_site, path)
        assert len(meta.found.get("description", [])) == 1, path  # one, Material's own replaced
        description = meta.found["description"][0]
        assert description and meta.found["og:description"] == [description], path
        assert meta.found["og:site_name"] == ["Sổ kết nghĩa Quảng Nam – Đà Nẵng"]
        assert meta.found["og:type"] == ["website"] and meta.found["og:locale"] == ["vi_VN"]
        assert meta.found["og:title"][0] and meta.found["og:title"][0] in meta.title, path
        descriptions[path] = description
    assert len(set(descriptions.values())) == len(PAGES)
    assert descriptions["dia-ban/xa-la-dee/index.html"].startswith("xã La Dêê (")
    assert "TP Tam Kỳ" in descriptions["dia-ban/xa-la-dee/index.html"]
