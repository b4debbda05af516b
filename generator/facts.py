"""What records say beyond a single field, worked out in one place for the rules and the site."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .registry import ActivityStatus

# A validated record's data, read only; generator/typed.py has the shape of each type.
Record = Mapping[str, Any]
# The parts of an activity's value.planned and value.delivered (common.schema.json "money").
MONEY_PARTS = ("cash", "in_kind", "mobilised", "unspecified")


def place_of(activity: Record, partnership: Record) -> str:
    """Where an activity took place: its own locality, else its partnership's."""
    return activity.get("locality") or partnership["locality"]


def took_place(activity: Record) -> bool:
    """A planned activity has not happened yet; any other status says it did (or began)."""
    return activity["status"] != ActivityStatus.PLANNED


def counted(activity: Record) -> bool:
    """Cancelled activities count in no total."""
    return activity["status"] != ActivityStatus.CANCELLED
