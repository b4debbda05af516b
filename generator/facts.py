"""What records say beyond a single field, worked out in one place for the rules and the site."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .registry import ActivityStatus, Giver

# A validated record's data, read only; generator/typed.py has the shape of each type.
Record = Mapping[str, Any]
# The parts of an activity's value.planned and value.delivered (common.schema.json "money").
MONEY_PARTS = ("cash", "in_kind", "mobilised", "unspecified")
# The two stages of an activity's value: what was promised, what was handed over.
STAGES = ("planned", "delivered")
# Levels of records/vocabularies/locality-levels.yaml: a commune's (cấp xã) and a district's (cấp huyện).
COMMUNE_LEVELS = frozenset({"xa", "thi-tran", "phuong", "dac-khu"})
DISTRICT_LEVELS = frozenset({"huyen", "quan", "thi-xa", "thanh-pho"})


def places_of(activity: Record, partnership: Record) -> tuple[str, ...]:
    """Where an activity took place: the communes it served together, its own locality, else
    its partnership's."""
    return tuple(activity.get("localities") or (activity.get("locality") or partnership["locality"],))


def localities_of(partnership: Record) -> tuple[str, ...]:
    """The locality a partnership twins with, then the communes its agreement names."""
    return (partnership["locality"], *partnership.get("localities", ()))


def took_place(activity: Record) -> bool:
    """A planned activity has not happened yet; any other status says it did (or began)."""
    return activity["status"] != ActivityStatus.PLANNED


def to_sponsor(activity: Record) -> bool:
    """Help in the other direction: the twinned locality gave to its sponsor."""
    return activity.get("given_by") == Giver.LOCALITY


def counted(activity: Record) -> bool:
    """Totals are of support to the twinned localities: cancelled activities and help in the
    other direction count in none."""
    return activity["status"] != ActivityStatus.CANCELLED and not to_sponsor(activity)


def amount_parts(activity: Record, stage: str) -> dict[str, int]:
    """The parts of value.planned or value.delivered that were reported, in MONEY_PARTS order:
    {"cash": 60000000, "in_kind": 30000000}. Empty when none was: not reported is not zero."""
    money = (activity.get("value") or {}).get(stage) or {}
    return {part: money[part] for part in MONEY_PARTS if money.get(part) is not None}
