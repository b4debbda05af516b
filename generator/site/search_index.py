"""Search without diacritics: add a folded copy of each word to MkDocs-Material's index.

Material's lunr search matches whole accented syllables, so "phuoc" does not find
"Phước". After the build, every entry gets the words of its title and text with the
marks removed (đ -> d), in a hidden span, so that both spellings match.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]*>")


def fold(text: str) -> str:
    """'Đức Phước' -> 'Duc Phuoc'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def folded_words(*texts: str) -> list[str]:
    """Words whose folded form differs from the word, folded, once each, in order of appearance."""
    seen: set[str] = set()
    words: list[str] = []
    for text in texts:
        for word in _WORD.findall(_TAG.sub(" ", text)):
            lower = unicodedata.normalize("NFC", word.lower())
            folded = fold(lower)
            if folded != lower and folded not in seen:
                seen.add(folded)
                words.append(folded)
    return words


def drop_empty_sections(index: dict[str, Any]) -> dict[str, Any]:
    """Sections whose content is only a table (kept out of search) would be results that
    show a heading and nothing else, once per page: "Tổng hợp" 300 times."""
    index["docs"] = [
        entry
        for entry in index.get("docs", [])
        if "#" not in entry["location"] or _TAG.sub("", entry.get("text", "")).strip()
    ]
    return index


def add_folded_words(index: dict[str, Any]) -> dict[str, Any]:
    for entry in index.get("docs", []):
        words = folded_words(entry.get("title", ""), entry.get("text", ""))
        if words:
            entry["text"] = entry.get("text", "") + f"<span hidden> {' '.join(words)}</span>"
    return index


def rewrite(site_dir: Path) -> None:
    path = site_dir / "search" / "search_index.json"
    if not path.exists():
        return
    index = add_folded_words(drop_empty_sections(json.loads(path.read_text(encoding="utf-8"))))
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
