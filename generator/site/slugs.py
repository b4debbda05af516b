"""Heading anchors without diacritics: "Đơn vị kết nghĩa" -> "don-vi-ket-nghia".

Python-Markdown's default drops "Đ" entirely ("on-vi-ket-nghia"); python-slugify
transliterates it. Referenced from mkdocs.yml (toc: slugify).
"""

from slugify import slugify


def heading_slug(value: str, separator: str = "-") -> str:
    return slugify(value, separator=separator) or "muc"
