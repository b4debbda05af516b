"""A build-time shortcut for MkDocs: big generated HTML blocks skip Python-Markdown.

Python-Markdown re-parses every raw HTML tag to find where a block ends; on 20,000
activities that is most of the build. Generated tables and charts are final HTML already,
so the plugin swaps each for a comment before Markdown runs and puts it back in the finished
page; the search index leaves them out the same way (search_pages.py: their rows are no page
text). The Markdown files stay complete: any other site generator reads them as they are.
"""

from __future__ import annotations

import re

# Blocks written by html_table.table(), charts.chart_with_table(), pages.figures and pages.page
# (figures, notes): an opening line of their own, and a closing tag alone on a line that
# nothing inside them can produce; or a one-line note.
_BLOCK = re.compile(
    r'^(?:<(div|figure) class="ledger-(?:table|figures|figure)"[^\n]*>\n.*?\n</\1>'
    r'|<p class="ledger-(?:source|note)">[^\n]*</p>)$',
    re.S | re.M,
)
_MARK = "<!--ledger-block-{}-->"
_MARK_PATTERN = re.compile(r"<!--ledger-block-(\d+)-->")


def lift(markdown: str) -> tuple[str, list[str]]:
    """(Markdown with each block replaced by a comment, the blocks)."""
    blocks: list[str] = []

    def keep(match: re.Match[str]) -> str:
        blocks.append(match.group(0))
        return _MARK.format(len(blocks) - 1)

    return _BLOCK.sub(keep, markdown), blocks


def restore(html: str, blocks: list[str]) -> str:
    if not blocks:
        return html
    return _MARK_PATTERN.sub(lambda m: blocks[int(m.group(1))], html)
