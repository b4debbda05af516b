"""Amounts and counts are not negative, impossible ones are refused, and large ones (in
total or per household) are flagged for a second look."""
from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic, FieldPath
from ..facts import STAGES, amount_parts
from ..records import Record
from ..registry import ActivityStatus

# A single activity above these is possible but rare: a warning asks for a check.
MONEY_WARNING = 20_000_000_000  # 20 tỷ đồng
HOUSEHOLDS_WARNING = 5_000
PEOPLE_WARNING = 50_000
# Above these a figure cannot be right (more than the province's yearly budget, more
# households or people than the province has) and would be published as it stands.
MONEY_CEILING = 1_000_000_000_000  # 1.000 tỷ đồng
HOUSEHOLDS_CEILING = 500_000
PEOPLE_CEILING = 2_000_000
# A house for a poor household costs some 40-60 triệu đồng; far above that per household
# or person, a total was probably meant for many more, or has a 0 too many.
PER_HOUSEHOLD_WARNING = 500_000_000
PER_PERSON_WARNING = 200_000_000
_CEILINGS = {"đồng": MONEY_CEILING, "hộ": HOUSEHOLDS_CEILING, "người": PEOPLE_CEILING}



def _amounts(data: dict[str, Any]) -> Iterator[tuple[FieldPath, int, int, str]]:
    for stage in STAGES:
        for part, value in amount_parts(data, stage).items():
            yield ("value", stage, part), value, MONEY_WARNING, "đồng"
    for key, limit in (("households", HOUSEHOLDS_WARNING), ("people", PEOPLE_WARNING)):
        value = data.get("beneficiaries", {}).get(key)
        if value is not None:
            yield ("beneficiaries", key), value, limit, "hộ" if key == "households" else "người"


def _vi_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def check_record(record: Record, folder_parts: tuple[str, ...], today: datetime.date) -> list[Diagnostic]:
    if record.type != "activity":
        return []
    found = []
    for path, value, limit, unit in _amounts(record.data):
        if value < 0:
            found.append(record.diagnostic(path, "AMOUNT_NEGATIVE",
                         f"tệp ghi {value}: số tiền, số lượng không được âm; ghi 0 nếu bằng không, bỏ trống nếu chưa báo cáo"))
        elif value > _CEILINGS[unit]:
            found.append(record.diagnostic(path, "AMOUNT_CEILING",
                         f"{_vi_number(value)} {unit} vượt mức trần {_vi_number(_CEILINGS[unit])} {unit} của một hoạt động, "
                         "không thể đúng: hãy đối chiếu với nguồn, kiểm tra số chữ số 0"))
        elif value > limit:
            found.append(record.diagnostic(path, "AMOUNT_IMPLAUSIBLE",
                         f"{_vi_number(value)} {unit} lớn bất thường cho một hoạt động (ngưỡng {_vi_number(limit)}): "
                         "hãy đối chiếu với nguồn, kiểm tra số chữ số 0"))
    if not found:  # a figure already flagged needs no second finding
        found.extend(_per_beneficiary(record))
    if any(amount_parts(record.data, "delivered").values()) and record.data["status"] in (ActivityStatus.PLANNED, ActivityStatus.CANCELLED):
        found.append(record.diagnostic(("value", "delivered"), "VALUE_STATUS",
                     f"có giá trị đã thực hiện nhưng tình trạng là '{record.data['status']}': "
                     "hãy chuyển số tiền sang value.planned, hoặc sửa tình trạng"))
    return found


def _per_beneficiary(record: Record) -> list[Diagnostic]:
    beneficiaries, value = record.data.get("beneficiaries"), record.data.get("value")
    if not beneficiaries or not value:
        return []
    found = []
    for stage in STAGES:
        total = sum(amount_parts(record.data, stage).values())
        for key, limit, unit in (("households", PER_HOUSEHOLD_WARNING, "hộ"), ("people", PER_PERSON_WARNING, "người")):
            count = beneficiaries.get(key)
            if count and total > limit * count:
                found.append(record.diagnostic(("value", stage), "AMOUNT_PER_BENEFICIARY",
                             f"{_vi_number(total)} đồng cho {_vi_number(count)} {unit} là {_vi_number(total // count)} đồng "
                             f"mỗi {unit}, vượt xa quy mô chương trình (ngưỡng {_vi_number(limit)}): hãy đối chiếu số tiền "
                             f"và beneficiaries.{key} với nguồn"))
                break  # one finding per stage: per household, else per person
    return found
