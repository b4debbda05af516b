"""Sums over activities. Money that was not reported stays None, never 0."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from ..facts import Record, amount_parts, counted


def money_total(activity: Record, stage: str) -> int | None:
    """Sum of the reported parts of value.planned or value.delivered; None if none reported."""
    parts = amount_parts(activity, stage)
    return sum(parts.values()) if parts else None


def delivered(activity: Record) -> int | None:
    return money_total(activity, "delivered")


def planned(activity: Record) -> int | None:
    return money_total(activity, "planned")


def households(activity: Record) -> int | None:
    return (activity.get("beneficiaries") or {}).get("households")


def people(activity: Record) -> int | None:
    return (activity.get("beneficiaries") or {}).get("people")


class Figures(NamedTuple):
    """One activity's own figures, read from its record once: every total and every row
    that shows them reuses these rather than summing the money parts again."""

    counted: bool  # cancelled activities count in no total
    delivered: int | None
    planned: int | None
    households: int | None
    people: int | None


def figures_of(activity: Record) -> Figures:
    return Figures(
        counted(activity),
        delivered(activity),
        planned(activity),
        households(activity),
        people(activity),
    )


@dataclass
class Totals:
    """Counts and sums of a set of activities; cancelled activities are left out."""

    activities: int = 0
    delivered_sum: int = 0
    delivered_reported: int = 0
    planned_sum: int = 0
    planned_reported: int = 0
    households_sum: int = 0
    households_reported: int = 0
    people_sum: int = 0
    people_reported: int = 0

    def merge(self, other: Totals) -> Totals:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def delivered(self) -> int | None:
        return self.delivered_sum if self.delivered_reported else None

    @property
    def planned(self) -> int | None:
        return self.planned_sum if self.planned_reported else None

    @property
    def households(self) -> int | None:
        return self.households_sum if self.households_reported else None

    @property
    def people(self) -> int | None:
        return self.people_sum if self.people_reported else None


def totals_of(figures: Iterable[Figures]) -> Totals:
    """Totals of activities given by their Figures (see Site.totals for activity records), summed
    in local variables: pages sum hundreds of thousands of them."""
    activities = delivered_sum = delivered_reported = planned_sum = planned_reported = 0
    households_sum = households_reported = people_sum = people_reported = 0
    for counted_, delivered_value, planned_value, households_value, people_value in figures:
        if not counted_:
            continue
        activities += 1
        if delivered_value is not None:
            delivered_sum += delivered_value
            delivered_reported += 1
        if planned_value is not None:
            planned_sum += planned_value
            planned_reported += 1
        if households_value is not None:
            households_sum += households_value
            households_reported += 1
        if people_value is not None:
            people_sum += people_value
            people_reported += 1
    return Totals(activities, delivered_sum, delivered_reported, planned_sum, planned_reported,
                  households_sum, households_reported, people_sum, people_reported)
