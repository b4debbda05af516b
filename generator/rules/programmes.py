"""What a programme and a period say of themselves: a programme's target list names communes
(the programme page counts them as communes), its 'within' and 'by_district' lists name
districts; a period's 'assumed' names only dates the period gives."""
from __future__ import annotations

import datetime
from typing import Any

from ..diagnostics import Diagnostic, FieldPath
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


_COMMUNES, _DISTRICTS = "xã, phường, thị trấn", "huyện, thị xã, thành phố thuộc tỉnh"


def _named(targets: dict[str, Any]) -> list[tuple[FieldPath, str, frozenset[str], str]]:
    """(where, locality id, the levels it may have, those levels in words) of a target list."""
    named: list[tuple[FieldPath, str, frozenset[str], str]] = []
    named += [(("targets", "localities", i), lid, COMMUNE_LEVELS, _COMMUNES) for i, lid in enumerate(targets.get("localities", ()))]
    named += [(("targets", "within", i), lid, DISTRICT_LEVELS, _DISTRICTS) for i, lid in enumerate(targets.get("within", ()))]
    named += [(("targets", "by_district", i, "district"), item["district"], DISTRICT_LEVELS, _DISTRICTS)
              for i, item in enumerate(targets.get("by_district", ()))]
    return named


def check_ledger(ledger: Ledger, context: Context) -> list[Diagnostic]:
    found = []
    for programme in ledger.of("programme").values():
        for where, locality_id, levels, wanted in _named(programme.data.get("targets", {})):
            locality = ledger.get("locality", locality_id)
            if locality is None or locality.data["level"] in levels:
                continue  # an unknown id is REF_UNKNOWN's
            hint = ("; các xã của một huyện ghi bằng mã huyện ở 'within' kèm ngày 'date'"
                    if levels is COMMUNE_LEVELS and locality.data["level"] in DISTRICT_LEVELS else "")
            found.append(programme.diagnostic(where, "PROGRAMME_TARGET",
                         f"'{locality_id}' ({locality.data['name']}) không phải {wanted}: danh sách này chỉ ghi "
                         f"{wanted}{hint}"))
    return found
