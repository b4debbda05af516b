"""Printing: Chromium's PDF of a district page, a yearly summary and a wide index, its text
extracted with pypdf. Every figure of every table is printed whole (no clipped cell), the
headers are all there, sort arrows are not, and the site's name, the page's address and the
data date head the page."""

from __future__ import annotations

import io
import re

import pytest

pypdf = pytest.importorskip("pypdf")

A4_CONTENT_PX = 718  # 210 mm less the 2 × 10 mm margins of the print stylesheet, at 96 px per inch
PAGES = ("dia-ban/huyen-nam-giang/", "dia-ban/huyen-nam-giang/so-ket-2023/", "cap-ket-nghia/", "don-vi/ubnd-thanh-pho-tam-ky/", "")

_OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll("article td, article th, article svg, article figure, article table")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0) continue;
    if (box.right > width + 1 || el.scrollWidth > el.clientWidth + 1 && el.tagName !== "svg")
      out.push(`${el.tagName} ${el.textContent.trim().slice(0, 40)} right=${box.right} width=${width}`);
  }
  return out;
}"""
_ARROWS = """() => Array.from(document.querySelectorAll("th")).map(th => getComputedStyle(th, "::after").content)
  .filter(c => c && c !== "none" && c !== "normal")"""


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("path", PAGES)
def test_printed_pages_hold_every_figure_whole(site, path):
    page = site.open(path, viewport={"width": A4_CONTENT_PX, "height": 1000})
    page.emulate_media(media="print")
    assert page.evaluate(_OVERFLOWING) == []
    assert page.evaluate(_ARROWS) == []
    figures = page.locator("article td.ledger-number").all_inner_texts()
    headers = page.locator("article th").all_inner_texts()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = _squeezed("".join(p.extract_text() for p in reader.pages))
    for figure in figures:
        assert _squeezed(figure) in text, figure
    for header in headers:
        assert _squeezed(header) in text, header
    assert _squeezed("Sổ kết nghĩa Quảng Nam") in text
    assert _squeezed(site.url(path)) in text  # the address, printed
    assert "Sốliệuđếnngày" in text
    if path.startswith("dia-ban/huyen-nam-giang/"):
        assert "Đãthựchiện(đồng)" in text and "Sốhộ" in text
        assert "⇅" not in text


def test_a_district_page_prints_on_few_pages(site):
    page = site.open("dia-ban/huyen-nam-giang/")
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    assert len(reader.pages) <= 3


def test_every_printed_page_has_the_heading_line_its_number_and_legible_sources(site):
    path = "dia-ban/huyen-nam-giang/so-ket-2023/"
    page = site.open(path)
    addresses = page.locator("article a[href^='http']").evaluate_all("links => links.map(a => a.href)")
    page.emulate_media(media="print")
    sizes = page.locator("article a[href^='http']").evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes and min(sizes) >= 9.9  # 7.5 pt at least (10 px), as the tables' figures
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    pages = [_squeezed(p.extract_text()) for p in reader.pages]
    assert len(pages) >= 2, "the summary should run over two pages for this test"
    for number, text in enumerate(pages, 1):
        assert _squeezed("Sổ kết nghĩa Quảng Nam") in text and "Sốliệuđếnngày" in text, number
        assert f"Trang{number}/{len(pages)}" in text, number
    whole = "".join(pages)
    assert addresses and all(_squeezed(a) in whole for a in addresses[:5])
