"""Heading anchors without diacritics: "Đơn vị kết nghĩa" -> "don-vi-ket-nghia".

Python-Markdown's default drops "Đ" entirely ("on-vi-ket-nghia"); python-slugify
transliterates it. Referenced from mkdocs.yml (toc: slugify).
"""

import functools

from slugify import slugify


# python-slugify transliterates letter by letter (~0.1 ms a heading); a few thousand headings
# recur across thousands of pages ("Nguồn", the years), so each is worked out once.
@functools.lru_cache(maxsize=8192)
def heading_slug(value: str, separator: str = "-") -> str:
    return slugify(value, separator=separator) or "muc"
