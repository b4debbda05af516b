"""Amounts and counts are not negative, and large ones are flagged for a second look."""
from __future__ import annotations

from ..records import Record
from ..registry import ActivityStatus

# A single activity above these is possible but rare: a warning asks for a check.
MONEY_WARNING = 20_000_000_000  # 20 tỷ đồng
HOUSEHOLDS_WARNING = 5_000
PEOPLE_WARNING = 50_000

_MONEY_PARTS = ("cash", "in_kind", "mobilised", "unspecified")


def _amounts(data: dict):
    for stage in ("planned", "delivered"):
        for part in _MONEY_PARTS:
            value = data.get("value", {}).get(stage, {}).get(part)
            if value is not None:
                yield ("value", stage, part), value, MONEY_WARNING, "đồng"
    for key, limit in (("households", HOUSEHOLDS_WARNING), ("people", PEOPLE_WARNING)):
        value = data.get("beneficiaries", {}).get(key)
        if value is not None:
            yield ("beneficiaries", key), value, limit, "hộ" if key == "households" else "người"


def _vi_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def check_record(record: Record, folder_parts: tuple, today) -> list:
    if record.type != "activity":
        return []
    found = []
    for path, value, limit, unit in _amounts(record.data):
        if value < 0:
            found.append(record.diagnostic(path, "AMOUNT_NEGATIVE",
                         f"tệp ghi {value}: số tiền, số lượng không được âm; ghi 0 nếu bằng không, bỏ trống nếu chưa báo cáo"))
        elif value > limit:
            found.append(record.diagnostic(path, "AMOUNT_IMPLAUSIBLE",
                         f"{_vi_number(value)} {unit} lớn bất thường cho một hoạt động (ngưỡng {_vi_number(limit)}): "
                         "hãy đối chiếu với nguồn, kiểm tra số chữ số 0"))
    delivered = record.data.get("value", {}).get("delivered")
    if delivered and any(delivered.get(p) for p in _MONEY_PARTS) and record.data["status"] in (ActivityStatus.PLANNED, ActivityStatus.CANCELLED):
        found.append(record.diagnostic(("value", "delivered"), "VALUE_STATUS",
                     f"có giá trị đã thực hiện nhưng tình trạng là '{record.data['status']}': "
                     "hãy chuyển số tiền sang value.planned, hoặc sửa tình trạng"))
    return found
