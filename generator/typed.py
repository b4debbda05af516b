"""The shapes of validated records, for the type checker.

A record that passed its schema is read as one of these: the type checker then knows which
fields always exist (Required) and which may be missing, so a page cannot read a field the
schema does not have. The schema stays the one definition; tests/test_typed.py keeps these
keys equal to the schemas' properties. A new record type may do without one (it is read as
a plain Record), and add one when its pages grow.
"""

# No `from __future__ import annotations` here: TypedDict reads NotRequired[...] only from
# evaluated annotations.
from typing import NotRequired, TypedDict


class Source(TypedDict):
    title: str
    publisher: str
    date: str
    url: NotRequired[str]
    no_url: NotRequired[str]  # why the source has no address (a print article, a copy kept without it)
    identifier: NotRequired[str]
    note: NotRequired[str]


class Money(TypedDict, total=False):
    """Đồng; a part missing is "not reported", never zero."""

    cash: int
    in_kind: int
    mobilised: int
    unspecified: int


class Value(TypedDict, total=False):
    planned: Money
    delivered: Money
    mobilised_from: str


class Beneficiaries(TypedDict, total=False):
    households: int
    people: int
    note: str


class Activity(TypedDict):
    id: str
    partnership: str
    locality: NotRequired[str]  # where it took place, when not the partnership's own locality
    localities: NotRequired[list[str]]  # the communes it served together, instead of locality
    date: str  # as written: "2023", "2023-05" or "2023-05-10"
    end_date: NotRequired[str]
    category: str
    tags: NotRequired[list[str]]
    title: str
    description: NotRequired[str]
    status: str  # registry.ActivityStatus
    given_by: NotRequired[str]  # registry.Giver; absent: the sponsor gave
    value: NotRequired[Value]
    beneficiaries: NotRequired[Beneficiaries]
    sources: list[Source]
    distinct_from: NotRequired[list[str]]  # ids of similar activities that are not copies of this one


class Agreement(TypedDict):
    title: str
    date: NotRequired[str]
    document: NotRequired[str]


class Period(TypedDict):
    start: str  # as written: a day, a month or a year
    end: NotRequired[str]
    assumed: NotRequired[list[str]]  # "start", "end": the dates no source gives
    note: NotRequired[str]


class Partnership(TypedDict):
    id: str
    programme: str
    sponsors: list[str]
    locality: str
    localities: NotRequired[list[str]]  # communes of the locality the agreement names
    basis: NotRequired[list[str]]
    agreement: NotRequired[Agreement]
    period: Period
    twinned_since: NotRequired[str]
    status: str  # registry.PartnershipStatus
    description: NotRequired[str]
    sources: list[Source]


class Organization(TypedDict):
    id: str
    name: str
    short_name: NotRequired[str]
    kind: str
    locality: NotRequired[str]
    aliases: NotRequired[list[str]]
    website: NotRequired[str]
    note: NotRequired[str]
    sources: list[Source]


class Document(TypedDict):
    id: str
    number: NotRequired[str]
    kind: str
    title: str
    issuer: str
    date: NotRequired[str]
    effective_from: NotRequired[str]
    url: NotRequired[str]
    summary: NotRequired[str]
    sources: NotRequired[list[Source]]


class LandBorder(TypedDict):
    value: bool
    inferred: NotRequired[bool]
    basis: str


class Locality(TypedDict):
    id: str
    name: str
    level: str
    code: NotRequired[str]
    parent: NotRequired[str]
    aliases: NotRequired[list[str]]
    mountainous: NotRequired[bool]
    land_border: NotRequired[LandBorder]
    disadvantage: NotRequired[list[dict[str, str]]]
    valid_from: NotRequired[str]
    valid_to: NotRequired[str]
    successor: NotRequired[str]
    changes: NotRequired[list[dict[str, str]]]
    documents: NotRequired[list[str]]
    note: NotRequired[str]
    sources: list[Source]


class Scope(TypedDict, total=False):
    locality: str
    sponsor: str


class ReportedPeriod(TypedDict):
    start: str  # as written: a day, a month or a year
    end: str


class ReportedFigure(TypedDict):
    measure: str  # vocabulary reported-measures
    value: int
    as_written: str  # the source's own words: "gần 22,5 tỷ đồng"
    precision: str  # vocabulary figure-precisions
    note: NotRequired[str]


class ReportedTotal(TypedDict):
    id: str
    scope: Scope  # exactly one of locality, sponsor
    period: ReportedPeriod
    as_of: NotRequired[str]
    figures: list[ReportedFigure]
    note: NotRequired[str]
    sources: list[Source]


class ProgrammePeriod(TypedDict):
    start: str  # as written
    end: NotRequired[str]  # none while the programme goes on
    assumed: NotRequired[list[str]]  # "start", "end": dates no source gives
    note: NotRequired[str]


class DistrictCount(TypedDict):
    district: str
    count: int


class Targets(TypedDict, total=False):
    within: list[str]  # districts whose communes on `date` are all targets
    date: str
    localities: list[str]  # communes a source names
    by_district: list[DistrictCount]  # how many communes of each district, when the source names none
    count: int  # as many as the basis document says
    note: str


class Programme(TypedDict):
    id: str
    name: str
    short_name: str
    basis: list[str]
    coordinator: NotRequired[str]
    area: str  # the province or city
    period: ProgrammePeriod
    targets: NotRequired[Targets]
    sponsor_kinds: NotRequired[list[str]]
    support_categories: NotRequired[str]
    description: NotRequired[str]
    sources: list[Source]


# record type -> its shape, for the test that keeps them in step with the schemas
SHAPES: dict[str, type] = {
    "activity": Activity,
    "partnership": Partnership,
    "organization": Organization,
    "document": Document,
    "locality": Locality,
    "reported-total": ReportedTotal,
    "programme": Programme,
}
