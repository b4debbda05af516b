"""What a programme and a period say of themselves: a programme's target list names communes
(the programme page counts them as communes), its 'within' list names districts; a period's
'assumed' names only dates the period gives."""
from __future__ import annotations

import datetime

from ..diagnostics import Diagnostic
from ..facts import COMMUNE_LEVELS, DISTRICT_LEVELS
from ..ledger import Context, Ledger
from ..records import Record

_WORDS = {"start": "ngày bắt đầu", "end": "ngày kết thúc"}


def check_record(record: Record, folder_parts: tuple[str, ...], today: datetime.date) -> list[Diagnostic]:
    period = record.data.get("period")
    if not isinstance(period, dict):
        return []
    return [record.diagnostic(("period", "assumed", index), "DATE_ASSUMED",
                              f"ghi {_WORDS.get(key, key)} là giả định nhưng thời gian không có {_WORDS.get(key, key)}: "
                              f"hãy ghi {_WORDS.get(key, key)} đã giả định ('{key}: …'), hoặc bỏ '{key}' khỏi 'assumed'")
            for index, key in enumerate(period.get("assumed", ())) if key not in period]


def check_ledger(ledger: Ledger, context: Context) -> list[Diagnostic]:
    found = []
    for programme in ledger.of("programme").values():
        targets = programme.data.get("targets", {})
        for key, levels, wanted in (("localities", COMMUNE_LEVELS, "xã, phường, thị trấn"),
                                    ("within", DISTRICT_LEVELS, "huyện, thị xã, thành phố thuộc tỉnh")):
            for index, locality_id in enumerate(targets.get(key, ())):
                locality = ledger.get("locality", locality_id)
                if locality is None or locality.data["level"] in levels:
                    continue  # an unknown id is REF_UNKNOWN's
                hint = ("; các xã của một huyện ghi bằng mã huyện ở 'within' kèm ngày 'date'"
                        if key == "localities" and locality.data["level"] in DISTRICT_LEVELS else "")
                found.append(programme.diagnostic(("targets", key, index), "PROGRAMME_TARGET",
                             f"'{locality_id}' ({locality.data['name']}) không phải {wanted}: danh sách này chỉ ghi "
                             f"{wanted}{hint}"))
    return found
