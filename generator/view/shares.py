"""The share of gifts in what was delivered, by number of activities and by value: the plan asks
for fewer gifts and more lasting help. The home page, the sponsor pages, the yearly summaries and
the report all read it here, so that they cannot disagree; the report reads the share of
training the same way."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import formats
from .model import Site, year_of
from .totals import Totals, totals_of


@dataclass(frozen=True)
class Share:
    """Some activities (`every`) and those of them of a kind (`part`): cancelled ones and help in
    the other direction count in neither (totals.Totals)."""

    every: Totals
    part: Totals

    @property
    def value(self) -> int:
        """The delivered value of the part; 0 when none of it reported one."""
        return self.part.delivered or 0

    @property
    def by_value(self) -> str:
        """The share of the delivered value as the pages print it (12,5%); a dash when no activity reported one."""
        return formats.percent(self.value, self.every.delivered or 0)

    @property
    def fraction(self) -> float | None:
        """The share of the delivered value as a number from 0 to 1; None when no activity reported one."""
        return self.value / self.every.delivered if self.every.delivered else None

    @property
    def by_number(self) -> str:
        """The share of the activities as the pages print it (12,5%); a dash when there is none."""
        return formats.percent(self.part.activities, self.every.activities)


def share(site: Site, activity_ids: Iterable[str], flag: str = "gift") -> Share:
    """The activities of the categories flagged `flag` ("gift", "training": records/vocabularies/
    support-categories.yaml) among `activity_ids`."""
    ids = list(activity_ids)
    flagged = {code for code in site.vocabulary("support-categories") if site.flagged(code, flag)}
    figures, activities = site.figures, site.activities
    return Share(totals_of(figures[a] for a in ids),
                 totals_of(figures[a] for a in ids if activities[a]["category"] in flagged))


def by_year(site: Site, activity_ids: Iterable[str], flag: str = "gift") -> dict[str, Share]:
    """year -> the share among that year's activities, oldest first: a year whose activities
    are all cancelled is there too, with nothing counted."""
    years: dict[str, list[str]] = {}
    for activity_id in activity_ids:
        years.setdefault(year_of(site.activities[activity_id]), []).append(activity_id)
    return {year: share(site, ids, flag) for year, ids in sorted(years.items())}
