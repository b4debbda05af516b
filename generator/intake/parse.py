"""What staff type in a cell, read as the ledger writes it: dates, amounts, counts and names.

Each reader takes the cell's text and returns the value, or raises Unreadable with a
Vietnamese message that says what was expected: the import puts the sheet, row and
column in front of it.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from ..dates import span
from ..site.search_text import words
from .bounds import DIGITS, NAME_CHARS


class Unreadable(ValueError):
    """A cell whose text is not what its column holds; the message says how to write it."""


# --- dates -------------------------------------------------------------------------------------

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_MONTH_YEAR = re.compile(r"(?:tháng\s*)?(\d{1,2})\s*[/.\-]\s*(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_YEAR = re.compile(r"(?:năm\s*)?(\d{4})")
DATE_HINT = "hãy ghi ngày dạng 15/3/2024 (ngày/tháng/năm), tháng dạng 3/2024, hoặc chỉ ghi năm (2024)"


def _checked(year: int, month: int, day: int | None, text: str) -> str:
    value = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")
    try:
        span(value)
    except ValueError:
        raise Unreadable(f"'{text}' không phải một ngày có thật; {DATE_HINT}") from None
    return value


def date(text: str) -> str:
    """'15/3/2024', '15-3-2024', '15.3.2024', '3/2024', '2024', '2024-03-15' → '2024-03-15' (or '2024-03', '2024')."""
    cleaned = " ".join(text.lower().split())
    if match := _ISO.fullmatch(cleaned):
        year, month, day = match.groups()
        return _checked(int(year), int(month), int(day) if day else None, text)
    if match := _DAY_MONTH_YEAR.fullmatch(cleaned.removeprefix("ngày").strip()):
        day, month, year = (int(g) for g in match.groups())
        return _checked(year, month, day, text)
    if match := _MONTH_YEAR.fullmatch(cleaned):
        month, year = (int(g) for g in match.groups())
        return _checked(year, month, None, text)
    if match := _YEAR.fullmatch(cleaned):
        return match.group(1)
    raise Unreadable(f"không đọc được ngày '{text}'; {DATE_HINT}")


# --- amounts and counts ------------------------------------------------------------------------

_UNITS = {
    "tỷ": 1_000_000_000, "tỉ": 1_000_000_000, "ty": 1_000_000_000,
    "triệu": 1_000_000, "trieu": 1_000_000, "tr": 1_000_000,
    "nghìn": 1_000, "ngàn": 1_000, "nghin": 1_000, "ngan": 1_000, "k": 1_000,
}
_CURRENCY = re.compile(r"(?:đồng|dong|vnđ|vnd|đ|d)\.?$")
_AMOUNT = re.compile(r"(\d[\d.,\s]*)\s*([^\d\s.,]*)")
AMOUNT_HINT = "hãy ghi số đồng, ví dụ 90000000, 90.000.000, 90 triệu hoặc 1,5 tỷ; bỏ trống nếu chưa có số liệu"


def _number(digits: str, scaled: bool, text: str) -> float:
    """'90.000.000' → 90000000; '1,5' → 1.5 (a decimal comma only before a unit)."""
    digits = digits.replace(" ", "")
    if scaled:
        if digits.count(",") == 1 and "." not in digits:
            digits = digits.replace(",", ".")
        elif digits.count(".") == 1 and "," not in digits and len(digits.split(".")[1]) != 3:
            pass  # 1.5 tỷ: a decimal point
        else:
            digits = digits.replace(".", "").replace(",", ".")
        try:
            return float(digits)
        except ValueError:
            raise Unreadable(f"không đọc được số tiền '{text}'; {AMOUNT_HINT}") from None
    groups = re.split(r"[.,]", digits)
    if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
        raise Unreadable(f"'{text}' có phần lẻ sau dấu phẩy hay dấu chấm: số tiền là một số đồng nguyên; {AMOUNT_HINT}")
    return float("".join(groups))


def amount(text: str) -> int:
    """'90.000.000', '90,000,000', '90 triệu', '1,5 tỷ', '500 nghìn', '90.000.000 đồng' → int đồng."""
    cleaned = " ".join(text.lower().replace("\u00a0", " ").split())
    if cleaned.startswith("-"):
        raise Unreadable(f"số '{text}' là số âm: số tiền, số lượng không được âm; ghi 0 nếu bằng không, bỏ trống nếu chưa báo cáo")
    cleaned = _CURRENCY.sub("", cleaned).strip()
    match = _AMOUNT.fullmatch(cleaned)
    if not match:
        raise Unreadable(f"không đọc được số tiền '{text}'; {AMOUNT_HINT}")
    digits, unit = match.groups()
    _digits_capped(digits, text)
    if unit and unit not in _UNITS:
        raise Unreadable(f"không hiểu đơn vị '{unit}' trong '{text}'; {AMOUNT_HINT}")
    value = _number(digits.strip(), bool(unit), text) * _UNITS.get(unit, 1)
    if value != int(value):
        raise Unreadable(f"'{text}' không phải một số đồng nguyên; {AMOUNT_HINT}")
    return int(value)


def count(text: str) -> int:
    """Households, people: '1.200' → 1200; '35 hộ' → 35."""
    cleaned = re.sub(r"\s*(hộ|người|nguoi|ho|em|cháu|chau)$", "", " ".join(text.lower().split()))
    if not re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+|\d+", cleaned):
        raise Unreadable(f"'{text}' không phải một số đếm; hãy ghi một số nguyên như 35 hoặc 1.200, "
                         "bỏ trống nếu chưa có số liệu")
    _digits_capped(cleaned, text)
    return int(re.sub(r"[.,]", "", cleaned))


def _digits_capped(digits: str, text: str) -> None:
    """A number longer than any amount or count is refused before it is converted (a float
    of 309 digits overflows, an int of 4,300 is refused by Python)."""
    if sum(c.isdigit() for c in digits) > DIGITS:
        shown = text if len(text) <= 24 else text[:20] + "…"
        raise Unreadable(f"số '{shown}' quá dài: một số tiền hay số đếm có nhiều nhất {DIGITS} chữ số; hãy ghi lại đúng số")


# --- names -------------------------------------------------------------------------------------

def folded(text: str) -> str:
    """A name as compared: folded as the site's search folds it (no diacritics, so Hoà and Hòa
    are one; no case; Ch'ơm and Chơm one word), single spaces. 'Xã Trà Leng' → 'xa tra leng'."""
    return " ".join(words(text))


def nearest(wanted: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The known names closest to `wanted`, compared folded; as they are written. A pair's
    name ("sponsors – commune") is also compared part by part: a commune typed right brings
    its pair up even when the sponsor's part is wrong."""
    if len(wanted) > NAME_CHARS:
        return []  # no name is this long, and comparing it with each name would take seconds
    by_folded: dict[str, str] = {}
    for name in known:
        by_folded.setdefault(folded(name), name)
    scored = []
    for candidate, name in by_folded.items():
        score = _likeness(folded(wanted), candidate)
        for mine, theirs in zip(_PARTS.split(wanted)[::-1], _PARTS.split(name)[::-1], strict=False):
            score = max(score, _likeness(folded(mine), folded(theirs)))
        if score >= 0.6:  # difflib's own cutoff
            scored.append((-score, candidate))
    return [by_folded[c] for _, c in sorted(scored)[:n]]


_PARTS = re.compile(r"\s[-–]\s")  # "Sở A – xã B": the parts of a pair's name


def _likeness(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio() if a and b else 0.0
