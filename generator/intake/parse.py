"""What staff type in a cell, read as the ledger writes it: dates, amounts, counts and names.

Each reader takes the cell's text and returns the value, or raises Unreadable with a
Vietnamese message that says what was expected: the import puts the sheet, row and
column in front of it.
"""
from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable

from ..dates import span, vi_date, written
from ..folding import words
from .bounds import DIGITS, NAME_CHARS


class Unreadable(ValueError):
    """A cell whose text is not what its column holds; the message says how to write it."""


# --- dates -------------------------------------------------------------------------------------

DATE_HINT = "hãy ghi ngày dạng 15/3/2024 (ngày/tháng/năm), tháng dạng 3/2024, hoặc chỉ ghi năm (2024)"


def _checked(year: int, month: int, day: int | None, text: str) -> str:
    return _real(f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else ""), text)


def _real(value: str, text: str) -> str:
    try:
        span(value)
    except ValueError:
        raise Unreadable(f"'{text}' không phải một ngày có thật; {DATE_HINT}") from None
    return value


def date(text: str) -> str:
    """'15/3/2024', '15-3-2024', '15.3.2024', '3/2024', '2024', '2024-03-15' → '2024-03-15' (or '2024-03', '2024').
    A span of days ('15-17/3/2024') raises DayRange, which says both ends; a quarter or a
    half year is refused with the forms the ledger takes."""
    cleaned = " ".join(text.lower().split())
    if (value := written(cleaned)) is not None:
        return _real(value, text)
    _refuse_range(cleaned, text)
    _refuse_part_of_year(cleaned, text)
    raise Unreadable(f"không đọc được ngày '{text}'; {DATE_HINT}")


class DayRange(Unreadable):
    """A cell that gives a first and a last day ('15-17/3/2024'): two dates, not one."""

    def __init__(self, text: str, first: str, last: str):
        super().__init__(f"'{text}' là từ ngày {vi_date(first)} đến ngày {vi_date(last)}, nhưng ô này chỉ ghi một "
                         f"ngày: hãy ghi một ngày (ví dụ ngày đầu, {vi_date(first)})")
        self.first, self.last = first, last


# 15-17/3/2024; 28/2-2/3/2024; 15/3/2024 - 17/3/2024; từ 15/3 đến 17/3/2024
_DAYS = re.compile(r"(?:từ\s*(?:ngày\s*)?)?(\d{1,2})(?:\s*/\s*(\d{1,2}))?(?:\s*/\s*(\d{4}))?\s*(?:[-–—]|đến)\s*(?:ngày\s*)?"
                   r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")


def _refuse_range(cleaned: str, text: str) -> None:
    match = _DAYS.fullmatch(cleaned.removeprefix("ngày").strip())
    if not match:
        return
    day1, month1, year1, day2, month2, year2 = match.groups()
    last = _checked(int(year2), int(month2), int(day2), text)
    first = _checked(int(year1 or year2), int(month1 or month2), int(day1), text)
    if first > last:
        raise Unreadable(f"'{text}': ngày đầu sau ngày cuối; {DATE_HINT}")
    raise DayRange(text, first, last)


_QUARTER = re.compile(r"(?:quý|quy|q)\s*(i{1,3}|iv|[1-4])\s*(?:[/.\-]|năm|nam)?\s*(\d{4})")
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_HALF = re.compile(r"(6|sáu) tháng (đầu|cuối) năm\s*(\d{4})|(đầu|giữa|cuối) năm\s*(\d{4})")


def _refuse_part_of_year(cleaned: str, text: str) -> None:
    """A quarter or a part of a year: the ledger keeps a day, a month or a year."""
    if match := _QUARTER.fullmatch(cleaned):
        quarter, year = _QUARTERS[match.group(1)], match.group(2)
        first = 3 * quarter - 2
        raise Unreadable(f"'{text}' là một quý; sổ ghi ngày, tháng hoặc năm: hãy ghi tháng nếu biết "
                         f"({first}/{year}, {first + 1}/{year} hoặc {first + 2}/{year}), không thì ghi năm ({year})")
    if match := _HALF.fullmatch(cleaned):
        year = match.group(3) or match.group(5)
        raise Unreadable(f"'{text}' không phải một ngày, tháng hay năm: hãy ghi tháng nếu nguồn nêu "
                         f"(ví dụ 3/{year}), không thì ghi năm ({year})")


_YEARS = (1990, 2100)  # a bare number in this range in a date cell is a year


def shown_date(value: datetime.date, number_format: str, serial: float) -> str:
    """What a date cell of Excel means: its number format tells the precision ('mm/yyyy' a month,
    'yyyy' a year), and a number 1990-2100 typed into a date cell ('2024', stored as day 2024 of
    1900, shown 16/7/1905) is that year."""
    if serial.is_integer() and _YEARS[0] <= serial <= _YEARS[1]:
        return str(int(serial))
    shown = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", number_format.lower())
    day = value if not isinstance(value, datetime.datetime) else value.date()
    if "d" in shown or "h" in shown or "s" in shown or "m" not in shown and "y" not in shown:
        return day.isoformat()
    return day.isoformat()[:7] if "m" in shown else day.isoformat()[:4]


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


NONE = frozenset({"-", "–", "—", "0", "không", "khong", "không có", "khong co"})  # "none" as reports write it


def is_none(text: str) -> bool:
    """A dash, 0 or 'không': the report says there is none."""
    return " ".join(text.lower().split()) in NONE


def amount(text: str, scale: int = 1) -> int:
    """'90.000.000', '90,000,000', '90 triệu', '1,5 tỷ', '500 nghìn', '90.000.000 đồng' → int đồng.
    `scale` is the unit of a column whose header or note says it ('triệu đồng': 1 000 000);
    a unit written in the cell wins. '-', '0', 'không' are 0."""
    cleaned = " ".join(text.lower().replace("\u00a0", " ").split())
    if cleaned in NONE:
        return 0
    if cleaned.startswith("-"):
        raise Unreadable(f"số '{text}' là số âm: số tiền, số lượng không được âm; ghi 0 nếu bằng không, bỏ trống nếu chưa báo cáo")
    without_currency = _CURRENCY.sub("", cleaned).strip()
    if without_currency != cleaned:
        scale = 1  # '90.000.000 đồng': the cell says its unit
    match = _AMOUNT.fullmatch(without_currency)
    if not match:
        raise Unreadable(f"không đọc được số tiền '{text}'; {AMOUNT_HINT}")
    digits, unit = match.groups()
    _digits_capped(digits, text)
    if unit and unit not in _UNITS:
        raise Unreadable(f"không hiểu đơn vị '{unit}' trong '{text}'; {AMOUNT_HINT}")
    factor = _UNITS[unit] if unit else scale
    value = _number(digits.strip(), factor != 1, text) * factor
    if value != int(value):
        raise Unreadable(f"'{text}' không phải một số đồng nguyên; {AMOUNT_HINT}")
    return int(value)


def count(text: str) -> int:
    """Households, people: '1.200' → 1200; '35 hộ' → 35; '-', '0', 'không' → 0."""
    if is_none(text):
        return 0
    cleaned = re.sub(r"\s*(hộ|người|nguoi|ho|em|cháu|chau)$", "", " ".join(text.lower().split()))
    if not re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+|\d+", cleaned):
        raise Unreadable(f"'{text}' không phải một số đếm; hãy ghi một số nguyên như 35 hoặc 1.200, "
                         "bỏ trống nếu chưa có số liệu")
    _digits_capped(cleaned, text)
    return int(re.sub(r"[.,]", "", cleaned))


def unit_of(text: str) -> int | None:
    """The money unit a header names in brackets ('Tiền mặt (triệu đồng)', '(đồng)', '(tr.đ)') or a
    note says ('ĐVT: nghìn đồng', 'Đơn vị tính: triệu đồng'); None when it names none."""
    lowered = " ".join(text.lower().split())
    match = _UNIT_IN_BRACKETS.search(lowered) or _UNIT_NOTE.search(lowered)
    if not match:
        return None
    unit = (match.group(1) or "").replace(" ", "").rstrip(".")
    return _UNITS.get(unit) or {"1.000": 1_000, "1000": 1_000, "1.000.000": 1_000_000}.get(unit, 1)


_UNIT_WORD = r"(tỷ|tỉ|triệu|trieu|tr\.?|nghìn|ngàn|nghin|ngan|1\.?000(?:\.?000)?)?\s*(?:đồng|dong|vnđ|vnd|đ)\.?"
_UNIT_IN_BRACKETS = re.compile(r"[(\[]\s*(?:đvt|đơn vị tính|đơn vị|dvt|don vi tinh)?\s*:?\s*" + _UNIT_WORD + r"\s*[)\]]")
_UNIT_NOTE = re.compile(r"(?:đvt|đơn vị tính|đơn vị|dvt|don vi tinh|don vi)\s*:?\s*" + _UNIT_WORD + r"(?!\w)")
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
        if folded(wanted) and candidate.startswith(folded(wanted) + " "):
            score = max(score, 0.9)  # "Ke hoach 12" for "Kế hoạch 12 (tỉnh A, 2021-2026)"
        for mine, theirs in zip(_PARTS.split(wanted)[::-1], _PARTS.split(name)[::-1], strict=False):
            score = max(score, _likeness(folded(mine), folded(theirs)))
        if score >= 0.6:  # difflib's own cutoff
            scored.append((-score, candidate))
    return [by_folded[c] for _, c in sorted(scored)[:n]]


_PARTS = re.compile(r"\s[-–]\s")  # "Sở A – xã B": the parts of a pair's name


def _likeness(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio() if a and b else 0.0
