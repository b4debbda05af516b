"""Free text holds no personal data, no markup and no invisible characters; links are http(s)."""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from ..catalogue import severity
from ..diagnostics import Diagnostic, FieldPath, field_path
from ..loader import Document

# CODED_FIELDS: codes, references and dates, declared by each record type; their schema
# patterns already allow no free text.
from ..registry import CODED_FIELDS

_URL_FIELDS = {"url", "website"}

_PHONE = re.compile(r"(?<![\w.,/-])(?:\+\s?84|\(\+84\)|0)[ .-]?[1-9](?:[ .-]?\d){7,9}(?![\w])")
# Every pattern runs on the whole text of a field, so each must be linear in its length
# (tests/test_text_linear.py): a match may start only where a run of its characters
# starts, quantifiers that could trade characters with a neighbour are bounded or
# disjoint from it. The e-mail's parts are bounded as the standard bounds them.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
_ID_NUMBER = re.compile(r"(?<!\w)(?<!\d[.,])(?:\d{12}|\d{9})(?!\w|[.,]\d)")
_MARKUP = re.compile(
    r"<(?:\s*/)?\s*(?:[A-Za-z!?][^<>]*>|(?:script|iframe|img|svg|style|a)\b)|\]\(|javascript\s*:|\bon\w+\s*=", re.I)


@cache
def _is_invisible(char: str) -> bool:
    """Decided by what a character is, not by a list: format characters (zero-width,
    direction marks, tags), unassigned and private ones, line and paragraph separators;
    marks that attach to nothing (variation selectors, the grapheme joiner; the accents of
    Vietnamese all attach); and the Hangul fillers and the blank braille cell, which are
    letters or symbols that draw nothing."""
    category = unicodedata.category(char)
    if category == "Mn":
        return not unicodedata.combining(char)
    if category in ("Lo", "So"):
        name = unicodedata.name(char, "")
        return "FILLER" in name or name == "BRAILLE PATTERN BLANK"
    return category in ("Cf", "Co", "Cn", "Cs", "Zl", "Zp")


_ONE = re.compile(".", re.S)
# The characters of ordinary Vietnamese text, none of them invisible (tests/test_text_invisible.py
# checks each): ASCII (its controls are the loader's finding), Latin-1 but the soft hyphen, the
# Latin extensions Vietnamese letters come from, punctuation and currency signs (₫).
_ORDINARY = "\x00-\x7f\u00a0-\u00ac\u00ae-\u024f\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u20a0-\u20bf"
_ORDINARY_CHARS = re.compile(f"[{_ORDINARY}]")
_UNUSUAL = re.compile(f"[^{_ORDINARY}]")


class _Invisible:
    """Stands in check_document for a pattern of every invisible character (search, sub):
    such a character class would hold most of Unicode. Each text's own distinct characters
    are looked at instead, and found ones are located with translate, in linear time."""

    @staticmethod
    def _found(text: str) -> str:
        if not _UNUSUAL.search(text):  # ordinary Vietnamese text: one scan in C
            return ""
        return "".join(c for c in set(text) if not _ORDINARY_CHARS.match(c) and _is_invisible(c))

    def search(self, text: str):
        found = self._found(text)
        if not found:
            return None
        first = text.translate(dict.fromkeys(map(ord, found), found[0])).find(found[0])
        return _ONE.search(text, first)

    def sub(self, replace, text: str) -> str:
        found = self._found(text)
        # Each match is one character, so its replacement depends on that character alone.
        return text.translate({ord(c): replace(_ONE.match(c)) for c in found}) if found else text


_INVISIBLE = _Invisible()

_SCHEME = re.compile(r"https?://[^\s/?#]+\.[^\s/?#]+", re.I)

_TEXT_CHECKS = (
    (_EMAIL, "PRIVACY_EMAIL", "có địa chỉ thư điện tử '{}': không ghi thông tin liên lạc cá nhân; hãy xoá"),
    (_PHONE, "PRIVACY_PHONE", "có số điện thoại '{}': không ghi số điện thoại cá nhân; hãy xoá"),
    (_ID_NUMBER, "PRIVACY_ID_NUMBER",
     "có dãy số '{}' giống số CMND/CCCD: không ghi giấy tờ cá nhân; nếu là số tiền hãy viết '120 triệu đồng' hoặc '120.000.000'"),
    (_MARKUP, "TEXT_MARKUP", "có mã HTML hoặc liên kết '{}': chỉ ghi chữ thường, đường dẫn để trong trường url của nguồn"),
    (_INVISIBLE, "TEXT_INVISIBLE", "có ký tự vô hình {}: thường do dán từ Word hay trang web; hãy gõ lại đoạn này"),
)


def _strings(value: Any, path: FieldPath, out: list[tuple[FieldPath, str]]) -> list[tuple[FieldPath, str]]:
    """(path, text) of every string in a record."""
    if isinstance(value, str):
        out.append((path, value))
    elif isinstance(value, dict):
        for key, item in value.items():
            _strings(item, path + (key,), out)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _strings(item, path + (index,), out)
    return out


def _diagnostic(doc: Document, path, code: str, message: str) -> Diagnostic:
    line, col = doc.position(path)
    return Diagnostic(doc.file, line, col, severity(code), code, field_path(path), message)


# What a record's joined text must contain for some check to be worth running. Each test
# holds whenever one of the patterns above matches (tests/test_text_prescreen.py checks
# that on random strings): '@' for an e-mail; '+' or nine digits with at most one
# separator between two digits for a phone number (a year range such as 2021-2023 is
# not one) or nine digits in a row for an ID number; '<', '](', '=' or 'javascript:'
# for markup; the invisible characters themselves.
_DIGIT_CHAIN = re.compile(r"[0-9](?:[ .-]?[0-9]){8}")


def _plain_texts(value: Any, last: str | int | None, before: str | int | None, texts: list[str], urls: list[str]) -> None:
    """The strings check_document looks at, without their paths: the common, clean case."""
    kind = type(value)
    if kind is str:
        field = last if type(last) is str else before
        if field not in CODED_FIELDS:
            (urls if field in _URL_FIELDS else texts).append(value)
    elif kind is dict:
        for key, item in value.items():
            _plain_texts(item, key, last, texts, urls)
    elif kind is list:
        for index, item in enumerate(value):
            _plain_texts(item, index, last, texts, urls)


def _nothing_to_report(doc: Document) -> bool:
    texts: list[str] = []
    urls: list[str] = []
    _plain_texts(doc.data, None, None, texts, urls)
    if any(":" in url and not _SCHEME.match(url) for url in urls):
        return False
    text = "\n".join(texts)
    return not ("@" in text or "+" in text or "<" in text or "](" in text or "=" in text
                or (":" in text and "javascript" in text.lower())
                or _DIGIT_CHAIN.search(text) or _INVISIBLE.search(text))


def check_document(doc: Document) -> list[Diagnostic]:
    if _nothing_to_report(doc):
        return []
    found, texts = [], []
    for path, value in _strings(doc.data, (), []):
        field = path[-1] if path and isinstance(path[-1], str) else (path[-2] if len(path) > 1 else None)
        if field in CODED_FIELDS:
            continue
        if field in _URL_FIELDS:
            if ":" in value and not _SCHEME.match(value):  # no scheme at all: the schema's format says so
                found.append(_diagnostic(doc, path, "URL_SCHEME",
                             f"đường dẫn '{value[:80]}' không hợp lệ: chỉ nhận địa chỉ bắt đầu bằng https:// hoặc http://"))
        else:
            texts.append((path, value))
    for path, value in texts:
        for pattern, code, message in _TEXT_CHECKS:
            match = pattern.search(value)
            if match:
                shown = repr(match.group()) if code == "TEXT_INVISIBLE" else match.group()[:60]
                found.append(_diagnostic(doc, path, code, message.format(shown)))
                # Blank what was reported, so a phone number is not reported again as an ID number.
                value = pattern.sub(lambda m: " " * len(m.group()), value)
    return found
