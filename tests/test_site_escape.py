"""Record text is shown as text: never as HTML, Markdown or a script link."""

import html
import re

import markdown

from generator.pipeline import render_site
from generator.validate import validate_tree
from generator.view.context import Context
from generator.view.escape import external_link, h, md, plain, safe_url

from site_records import TODAY, activity, partnership, small_tree, sponsor

SCRIPT = "<script>alert(1)</script>"


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list"])


def test_markdown_text_renders_literally():
    for text in (SCRIPT, "[bấm](https://example.org)", "*nghiêng* _x_ `mã`", "1. không phải danh sách", "a | b"):
        rendered = _html(md(text))
        assert "<script" not in rendered and "<a " not in rendered and "<em>" not in rendered
        assert "<ol>" not in rendered and "<code>" not in rendered


def test_escaped_markdown_reads_exactly_as_written():
    for text in ("9295/KH-UBND: Kế hoạch", "a ~ b ^ c = d", "x_y*z", "Ch'ơm & Ch’ơm", SCRIPT, "50% [ghi chú]"):
        visible = html.unescape(re.sub(r"<[^>]+>", "", _html(md(text)))).strip()
        assert visible == text


def test_html_text_is_escaped_and_front_matter_title_has_no_markup():
    assert h(SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert "<" not in plain(SCRIPT) and ">" not in plain(SCRIPT)
    assert plain("Chính sách vùng DTTS&MN") == "Chính sách vùng DTTS và MN"


def test_only_http_links_are_links():
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url("https://baoquangnam.vn/a") == "https://baoquangnam.vn/a"
    assert external_link("javascript:alert(1)", "x") == "x"
    assert external_link('https://a.vn/"><script>', "x").count("<script") == 0


def test_a_script_in_a_title_shows_as_text_on_every_page(tmp_path):
    records = small_tree(tmp_path)
    sponsor(records, "don-vi-script", f"Đơn vị {SCRIPT}", short_name=f"[x](javascript:alert(1)) {SCRIPT}")
    partnership(records, "don-vi-script-xa-zuoich", ["don-vi-script"], "xa-zuoich")
    activity(
        records,
        "2023-02-01-script",
        "don-vi-script-xa-zuoich",
        "2023-02-01",
        "y-te",
        f"Khám bệnh {SCRIPT}",
        description=f"**đậm** {SCRIPT}",
    )
    result = validate_tree(records, TODAY)
    result.diagnostics = [d for d in result.diagnostics if d.code != "TEXT_MARKUP"]  # the validator would refuse it
    files = render_site(result, Context())
    pages = {p: b.decode() for p, b in files.items() if p.endswith(".md")}
    touched = [p for p, text in pages.items() if "alert(1)" in text]
    assert "don-vi/don-vi-script/index.md" in touched and "hoat-dong/2023/y-te/index.md" in touched
    for path in touched:
        text = pages[path]
        rendered = _html(text.split("---\n", 2)[2] if text.startswith("---\n") else text)  # home: no front matter
        assert "<script>" not in rendered, path
        assert 'href="javascript' not in rendered, path
