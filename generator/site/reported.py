"""What was reported beside what the ledger itemises: for a locality, the reported totals of
its area and the share of them that the ledger's activities account for.

A reported total covers a scope and a period; the ledger's figure for it is the delivered
value of the activities in the same area and the same years. Years are compared whole:
a report "for 2022" is set beside the activities dated 2022."""

from __future__ import annotations

from dataclasses import dataclass

from ..typed import ProgrammePeriod, ReportedTotal
from ..view.model import Site, year_of
from ..view.scopes import area_activities
from ..view.totals import Totals

VALUE = "tong-gia-tri"  # the measure of the whole value of support (vocabulary reported-measures)
COMMUNES = "so-xa"  # the number of communes twinned
SPONSORS = "so-don-vi"  # the number of sponsoring units: 0 says a commune has no partner


@dataclass(frozen=True)
class Comparison:
    """Reported totals of one area over some years, and the ledger's activities of those years."""

    totals: tuple[ReportedTotal, ...]  # non-overlapping in years, oldest first
    years: tuple[str, ...]
    reported: int  # the sum of their VALUE figures, in đồng
    approximate: bool  # some figure is "gần", "khoảng" or "hơn": the sum is too
    itemised: Totals  # the ledger's activities in the area in those years

    @property
    def span(self) -> str:
        """"2022-2023" for years in a row; "2020, 2022" when a year between has no report."""
        consecutive = int(self.years[-1]) - int(self.years[0]) == len(self.years) - 1
        if len(self.years) == 1:
            return self.years[0]
        return f"{self.years[0]}-{self.years[-1]}" if consecutive else ", ".join(self.years)


def years_of(total: ReportedTotal) -> tuple[str, ...]:
    first, last = int(total["period"]["start"][:4]), int(total["period"]["end"][:4])
    return tuple(str(year) for year in range(first, last + 1))


def figure(total: ReportedTotal, measure: str) -> int | None:
    return next((f["value"] for f in total["figures"] if f["measure"] == measure), None)


def of_locality(site: Site, locality_id: str) -> list[ReportedTotal]:
    """The reported totals whose scope is this locality, oldest period first."""
    found = [t for t in site.reported_totals.values() if t["scope"].get("locality") == locality_id]
    return sorted(found, key=lambda t: (t["period"]["start"], t["period"]["end"], t["id"]))


def in_period(totals: list[ReportedTotal], period: ProgrammePeriod) -> list[ReportedTotal]:
    """Those reported for years inside a programme's period (one without an end goes on)."""
    first, last = period["start"][:4], period.get("end", "9999")[:4]
    return [t for t in totals if first <= t["period"]["start"][:4] and t["period"]["end"][:4] <= last]


def of_programme(site: Site, programme_id: str) -> list[ReportedTotal]:
    """The reported totals of a programme's area for years inside its period. A year it shares with
    a programme of the same area that began later (a phase ending in the year the next one began)
    belongs to the later one: the new phase's first report is not the old phase's."""
    programme = site.programmes[programme_id]
    later = [other["period"] for other in site.programmes.values()
             if other["area"] == programme["area"] and other["period"]["start"] > programme["period"]["start"]]
    return [t for t in in_period(of_locality(site, programme["area"]), programme["period"])
            if not any(in_period([t], period) for period in later)]


def value_comparison(site: Site, locality_id: str, programme_id: str | None = None) -> Comparison | None:
    """The locality's reported values over years that no two of them share (a cumulative
    report overlapping yearly ones is left out, so no year is counted twice), beside the
    ledger's delivered value in the area in the same years."""
    chosen: list[ReportedTotal] = []
    covered: set[str] = set()
    # Shorter periods first: yearly reports are the finer comparison.
    # A programme's: the reports of its years only.
    totals = of_programme(site, programme_id) if programme_id is not None else of_locality(site, locality_id)
    for total in sorted(totals, key=lambda t: (len(years_of(t)), t["period"]["start"])):
        years = set(years_of(total))
        if figure(total, VALUE) is not None and not years & covered:
            chosen.append(total)
            covered |= years
    if not chosen:
        return None
    chosen.sort(key=lambda t: t["period"]["start"])
    itemised = site.totals_of_ids(a for a in area_activities(site, locality_id)
                                  if year_of(site.activities[a]) in covered)
    approximate = any(f["precision"] != "chinh-xac" for t in chosen for f in t["figures"] if f["measure"] == VALUE)
    return Comparison(tuple(chosen), tuple(sorted(covered)), sum(figure(t, VALUE) or 0 for t in chosen),
                      approximate, itemised)


def stated_without_partner(site: Site) -> dict[str, ReportedTotal]:
    """Communes a source says have no sponsoring unit (a reported total of 0 units)."""
    return {
        t["scope"]["locality"]: t
        for t in site.reported_totals.values()
        if "locality" in t["scope"] and figure(t, SPONSORS) == 0
    }
