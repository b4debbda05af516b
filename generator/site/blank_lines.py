"""The built pages without the blank lines and indentation of the theme's templates.

Material's templates are indented for their readers, and Jinja keeps every line a tag left
empty: some 5 KB of every page (an eighth of it) is whitespace a browser shows as one space.
The plugin (on_post_page) turns each run of whitespace that begins with a line break into a
single line break where it touches a tag: a browser lays the page out the same, since HTML
shows any run of spaces and line breaks between words as one space. Left as they are: whatever is inside
a tag (an attribute's value keeps its spaces), the text between two words, and the elements
whose whitespace is shown as written (pre, code, kbd, textarea) or is code (script, style).
A builder without the plugin publishes the same pages with their whitespace.
"""

from __future__ import annotations

import re

# Elements whose text keeps its whitespace: shown as written (Material's pre-wrap for code and
# kbd) or code. Inside a tag, `>` and `<` are always escaped (Jinja's `e`, Markdown's attributes).
_KEPT = re.compile(r"(<(pre|code|kbd|textarea|script|style)\b.*?</\2\s*>)", re.S)
# Two patterns that each begin with a literal: three times faster than one with lookbehind.
_BEFORE_TAG = re.compile(r"\n\s*(?=<)")
_AFTER_TAG = re.compile(r">\n\s*")


def compact(html: str) -> str:
    """`html` with each run of whitespace that begins with a line break and touches a tag made one line break."""
    parts = _KEPT.split(html)
    # split() gives text, kept element, its name, text, ...: only the texts are compacted, and
    # their ends touch the tags of the kept elements around them.
    for i in range(0, len(parts), 3):
        text = _AFTER_TAG.sub(">\n", _BEFORE_TAG.sub("\n", parts[i]))
        if i > 0 and text.startswith("\n"):
            text = "\n" + text.lstrip()
        if i < len(parts) - 1 and text[len(text.rstrip()):].startswith("\n"):
            text = text.rstrip() + "\n"
        parts[i] = text
    return "".join(part for i, part in enumerate(parts) if i % 3 != 2)
