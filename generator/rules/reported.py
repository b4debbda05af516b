"""Reported totals are plausible and say what their source says: each measure once, the value
equal to the words it was read from ("gần 22,5 tỷ đồng" is 22500000000), the precision the
words give ("gần" is approximate), and sums of money below anything a province reports."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..diagnostics import Diagnostic
from ..ledger import Context, Ledger
from ..records import Record

# What a province-wide programme could report in one record: above it, a digit is wrong.
MONEY_CEILING = 10_000_000_000_000  # 10.000 tỷ đồng
COUNT_CEILING = 1_000_000
_NUMBER = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?\s*(tỷ|triệu|nghìn|ngàn)?", re.I)
_SCALE = {"tỷ": 10**9, "triệu": 10**6, "nghìn": 10**3, "ngàn": 10**3}
# The words by which a source says its figure is approximate or a lower bound.
_PRECISION_WORDS = {
    "xap-xi": re.compile(r"\b(gần|khoảng|xấp xỉ|ước|chừng)\b", re.I),
    "toi-thieu": re.compile(r"\b(hơn|trên|ngoài|hàng)\b", re.I),
}


def written_value(text: str) -> int | None:
    """The first number of a figure as written, in units: "gần 22,5 tỷ đồng" -> 22500000000."""
    match = _NUMBER.search(text)
    if not match:
        return None
    whole, decimals, scale = match.groups()
    try:
        number = Decimal(whole.replace(".", "") + ("." + decimals if decimals else ""))
    except InvalidOperation:
        return None
    return int(number * _SCALE.get((scale or "").lower(), 1))


def written_precision(text: str) -> str:
    for code, words in _PRECISION_WORDS.items():
        if words.search(text):
            return code
    return "chinh-xac"


def _check(total: Record, units: dict[str, str]) -> list[Diagnostic]:
    found = []
    seen: set[str] = set()
    for index, figure in enumerate(total.data["figures"]):
        measure, value, words = figure["measure"], figure["value"], figure["as_written"]
        if measure in seen:
            found.append(total.diagnostic(("figures", index, "measure"), "REPORTED_MEASURE_TWICE",
                         f"chỉ tiêu '{measure}' đã có ở trên: mỗi chỉ tiêu ghi một lần trong một hồ sơ; "
                         "số liệu của thời gian hoặc phạm vi khác ghi vào hồ sơ khác"))
        seen.add(measure)
        ceiling = MONEY_CEILING if units.get(measure) == "dong" else COUNT_CEILING
        if value > ceiling:
            found.append(total.diagnostic(("figures", index, "value"), "AMOUNT_IMPLAUSIBLE",
                         f"{value:,} lớn bất thường cho chỉ tiêu '{measure}': hãy kiểm tra số chữ số".replace(",", ".")))
        read = written_value(words)
        if read is not None and read != value:
            found.append(total.diagnostic(("figures", index, "value"), "REPORTED_AS_WRITTEN",
                         f"giá trị {value} khác con số trong nguyên văn '{words}' ({read}): hãy ghi giá trị đúng "
                         "như nguyên văn, đổi ra đồng hoặc số lượng"))
        expected = written_precision(words)
        if expected != figure["precision"]:
            found.append(total.diagnostic(("figures", index, "precision"), "REPORTED_PRECISION",
                         f"nguyên văn '{words}' cho thấy độ chính xác '{expected}', không phải "
                         f"'{figure['precision']}': hãy sửa precision cho khớp cách nguồn viết"))
    return found


def check_ledger(ledger: Ledger, context: Context) -> list[Diagnostic]:
    units = {code: item.get("unit", "") for code, item in ledger.vocabulary("reported-measures").items()}
    found = []
    for total in ledger.of("reported-total").values():
        found.extend(_check(total, units))
    return found
