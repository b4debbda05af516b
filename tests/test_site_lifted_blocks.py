"""The MkDocs shortcut: generated HTML blocks skip Python-Markdown and come back unchanged."""

from generator.site.html_table import cell, table
from generator.site.lifted_blocks import lift, restore
from generator.site.pages.figures import figures
from generator.site.pages.page import para


def test_blocks_are_set_aside_and_restored_byte_for_byte():
    markdown = (
        "# Tiêu đề\n\n"
        + figures([("1", "hoạt động")])
        + "\n## Mục\n"
        + table(["A"], [[cell("<details><summary>x</summary><p>y</p></details>")]])
        + para("Dữ liệu gốc", "ledger-source")
        + para("Đoạn thường")
    )
    lifted, blocks = lift(markdown)
    assert len(blocks) == 3
    assert "<table" not in lifted and "Đoạn thường" in lifted and "## Mục" in lifted
    assert restore(lifted, blocks) == markdown


def test_pages_without_blocks_are_left_alone():
    assert lift("# A\n\nchữ\n") == ("# A\n\nchữ\n", [])
    assert restore("<p>x</p>", []) == "<p>x</p>"
