"""The record types: what each kind of record is, declared once.

Discovery reads the folder, the schema check the schema, the rules the references, the
ordered dates, the coded fields and the vocabularies behind the schema's code lists;
`new` the fields and the id rule; `format` the folder; the site the page module and the
URL section; the open data the dataset. A new record type is its schema
(schemas/<name>.schema.json), its entry in TYPES and, if it has pages, its page module
(generator/site/pages/<pages>.py): nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from slugify import slugify

from .diagnostics import FieldPath
from .i18n import N_

EVERY = "*"  # in a reference path: every item of a list


class ActivityStatus(StrEnum):
    """Codes of the vocabulary activity-statuses (the schema's enum is checked against it)."""

    PLANNED = "ke-hoach"
    IN_PROGRESS = "dang-thuc-hien"
    DONE = "hoan-thanh"
    CANCELLED = "huy"


class Giver(StrEnum):
    """Codes of the vocabulary support-givers: which side of a partnership gave."""

    SPONSOR = "don-vi-ket-nghia"  # the usual way, also when the field is absent
    LOCALITY = "dia-ban-ket-nghia"  # the twinned locality to its sponsor: help in the other direction


class PartnershipStatus(StrEnum):
    ACTIVE = "dang-ket-nghia"
    ENDED = "ket-thuc"


@dataclass(frozen=True)
class Reference:
    """A field that holds the id of another record; EVERY in the path stands for list items."""

    path: tuple[str, ...]
    target: str  # record type


@dataclass(frozen=True)
class Field:
    """A field that `new` fills from a command-line option."""

    path: tuple[str | int, ...]  # where the value goes; STAGE becomes value.planned or value.delivered
    flag: str
    required: bool = False
    kind: str = "str"  # str, int or list (a repeatable option)

    @property
    def dest(self) -> str:
        return self.flag.lstrip("-").replace("-", "_")


@dataclass(frozen=True)
class CodeList:
    """A code list in the schema that must hold exactly the codes of some vocabularies."""

    vocabularies: tuple[str, ...]
    path: tuple[str, ...]  # inside the type's schema


@dataclass(frozen=True)
class RecordType:
    name: str  # "activity"; the schema is schemas/<name>.schema.json
    folder: str  # below records/
    by_year: bool = False  # files sit in records/<folder>/YYYY/, the year of `date`
    references: tuple[Reference, ...] = ()
    ordered_dates: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # (start, end): start ≤ end
    coded_fields: frozenset[str] = frozenset()  # codes, references, dates: no free text to screen
    code_lists: tuple[CodeList, ...] = ()
    names: tuple[tuple[str, ...], ...] = ()  # fields that name something: one tone-mark placement
    fields: tuple[Field, ...] = ()  # what `new` asks for; none: `new` does not make this type
    id_rule: Callable[[Mapping[str, Any]], str] | None = None  # the id `new` gives a record
    pages: str | None = None  # module of generator/site/pages/ that renders this type's pages
    section: str | None = None  # URL of the type's pages below the site root
    dataset: str | None = None  # file name of the open-data download (CSV and JSON)
    dataset_title: str | None = None  # a message of the site catalogue, marked by N_(), translated where shown
    dataset_en: str | None = None  # the dataset's English title, for the data dictionary and datapackage.json
    dataset_key: tuple[str, ...] = ("id",)  # the columns that tell the dataset's rows apart

    @property
    def schema(self) -> str:
        return f"{self.name}.schema.json"

    def target_of(self, path: FieldPath) -> str | None:
        """The record type a field refers to, read from `references`: a `new` option such as
        --sponsor is checked against the records it names."""
        keys = tuple(key for key in path if isinstance(key, str))
        for reference in self.references:
            if tuple(key for key in reference.path if key != EVERY) == keys:
                return reference.target
        return None

    def references_in(self, data: Mapping[str, Any]) -> Iterator[tuple[FieldPath, str, str]]:
        """(path, target type, id) of every reference the record makes."""
        for reference in self.references:
            for path, value in _walk(data, reference.path, ()):
                if isinstance(value, str):
                    yield path, reference.target, value


def _walk(node: Any, pattern: tuple[str, ...], path: FieldPath) -> Iterator[tuple[FieldPath, Any]]:
    if not pattern:
        yield path, node
        return
    key, rest = pattern[0], pattern[1:]
    if key == EVERY:
        for index, item in enumerate(node if isinstance(node, list) else ()):
            yield from _walk(item, rest, path + (index,))
    elif isinstance(node, dict) and key in node:
        yield from _walk(node[key], rest, path + (key,))


# --- ids that `new` gives ----------------------------------------------------------------------

SLUG_LENGTH = 60
# The convention for documents: kind, number, year (qd-12-qd-ubnd-2021 for Quyết định 12/QĐ-UBND of 2021).
_KIND_PREFIX = {
    "quyet-dinh": "qd", "ke-hoach": "kh", "chi-thi": "ct", "cong-van": "cv", "nghi-quyet": "nq",
    "nghi-dinh": "nd", "luat": "luat", "bao-cao": "bc", "giao-uoc": "gu",
}


def _short_slug(text: str) -> str:
    return slugify(text, max_length=SLUG_LENGTH, word_boundary=True)


def _activity_id(data: Mapping[str, Any]) -> str:
    return f"{data['date']}-{_short_slug(data['title'])}"


def _partnership_id(data: Mapping[str, Any]) -> str:
    return slugify(f"{data['sponsors'][0]} {data['locality']}")


def _organization_id(data: Mapping[str, Any]) -> str:
    return _short_slug(data.get("short_name") or data["name"])


def _document_id(data: Mapping[str, Any]) -> str:
    if not data.get("number"):
        return _short_slug(data["title"])
    year = data.get("date", "")[:4]
    number = data["number"] if year in data["number"] else f"{data['number']} {year}"
    return slugify(f"{_KIND_PREFIX.get(data['kind'], '')} {number}")


# --- the fields of `new` -----------------------------------------------------------------------

STAGE = "<stage>"  # value.planned or value.delivered, chosen from the status

_SOURCE = (
    Field(("sources", 0, "title"), "--source-title"),
    Field(("sources", 0, "publisher"), "--source-publisher"),
    Field(("sources", 0, "date"), "--source-date"),
    Field(("sources", 0, "url"), "--source-url"),
    Field(("sources", 0, "no_url"), "--source-no-url"),
    Field(("sources", 0, "identifier"), "--source-identifier"),
    Field(("sources", 0, "note"), "--source-note"),
)

# Fields of the shared parts (common.schema.json: sources, periods) that hold codes or dates.
COMMON_CODED_FIELDS = frozenset({"id", "date", "start", "end", "kind", "code", "document", "documents"})

TYPES: dict[str, RecordType] = {
    t.name: t
    for t in (
        RecordType(
            "locality", "localities",
            references=(
                Reference(("parent",), "locality"),
                Reference(("successor",), "locality"),
                Reference(("changes", EVERY, "document"), "document"),
                Reference(("disadvantage", EVERY, "document"), "document"),
                Reference(("documents", EVERY), "document"),
            ),
            ordered_dates=(("valid_from",), ("valid_to",)),
            names=(("name",),),
            coded_fields=frozenset({"parent", "successor", "level", "official_code", "valid_from", "valid_to",
                                    "status"}),
            code_lists=(
                CodeList(("locality-levels",), ("properties", "level", "enum")),
                CodeList(("disadvantage-statuses",),
                         ("properties", "disadvantage", "items", "properties", "status", "enum")),
            ),
            pages="localities", section="dia-ban", dataset="dia-ban", dataset_title=N_("Địa bàn"),
            dataset_en="Localities",
        ),
        RecordType(
            "organization", "organizations",
            references=(Reference(("locality",), "locality"),),
            coded_fields=frozenset({"locality"}),
            code_lists=(CodeList(("organization-kinds",), ("properties", "kind", "enum")),),
            names=(("name",), ("short_name",)),
            fields=(
                Field(("name",), "--name", True),
                Field(("short_name",), "--short-name"),
                Field(("kind",), "--kind", True),
                Field(("locality",), "--locality"),
                Field(("aliases",), "--alias", kind="list"),
                Field(("website",), "--website"),
                Field(("note",), "--note"),
            ) + _SOURCE,
            id_rule=_organization_id,
            pages="sponsors", section="don-vi", dataset="don-vi-ket-nghia", dataset_title=N_("Đơn vị kết nghĩa"),
            dataset_en="Sponsors",
        ),
        RecordType(
            "document", "documents",
            coded_fields=frozenset({"effective_from"}),
            code_lists=(CodeList(("document-kinds",), ("properties", "kind", "enum")),),
            fields=(
                Field(("number",), "--number"),
                Field(("kind",), "--kind", True),
                Field(("title",), "--title", True),
                Field(("issuer",), "--issuer", True),
                Field(("date",), "--date"),
                Field(("effective_from",), "--effective-from"),
                Field(("url",), "--url"),
                Field(("summary",), "--summary"),
            ) + _SOURCE,
            id_rule=_document_id,
            pages="documents", section="van-ban", dataset="van-ban", dataset_title=N_("Văn bản"),
            dataset_en="Documents",
        ),
        RecordType(
            "programme", "programmes",
            references=(
                Reference(("basis", EVERY), "document"),
                Reference(("coordinator",), "organization"),
                Reference(("area",), "locality"),
                Reference(("targets", "within", EVERY), "locality"),
                Reference(("targets", "localities", EVERY), "locality"),
                Reference(("targets", "by_district", EVERY, "district"), "locality"),
                Reference(("support_categories",), "vocabulary"),
            ),
            ordered_dates=(("period", "start"), ("period", "end")),
            coded_fields=frozenset({"basis", "coordinator", "area", "within", "localities", "district", "sponsor_kinds",
                                    "support_categories", "assumed"}),
            code_lists=(CodeList(("organization-kinds",), ("properties", "sponsor_kinds", "items", "enum")),),
            names=(("name",), ("short_name",)),
            pages="programmes", section="chuong-trinh", dataset="chuong-trinh", dataset_title=N_("Chương trình"),
            dataset_en="Programmes",
        ),
        RecordType(
            "partnership", "partnerships",
            references=(
                Reference(("programme",), "programme"),
                Reference(("sponsors", EVERY), "organization"),
                Reference(("locality",), "locality"),
                Reference(("localities", EVERY), "locality"),
                Reference(("basis", EVERY), "document"),
                Reference(("agreement", "document"), "document"),
            ),
            ordered_dates=(("period", "start"), ("period", "end")),
            coded_fields=frozenset({"programme", "sponsors", "locality", "localities", "basis", "status", "twinned_since",
                                    "assumed"}),
            code_lists=(CodeList(("partnership-statuses",), ("properties", "status", "enum")),),
            fields=(
                Field(("programme",), "--programme", True),
                Field(("sponsors",), "--sponsor", True, kind="list"),
                Field(("locality",), "--locality", True),
                Field(("localities",), "--named-locality", kind="list"),
                Field(("basis",), "--basis", kind="list"),
                Field(("agreement", "title"), "--agreement-title"),
                Field(("agreement", "date"), "--agreement-date"),
                Field(("agreement", "document"), "--agreement-document"),
                Field(("period", "start"), "--start", True),
                Field(("period", "end"), "--end"),
                Field(("period", "assumed"), "--assumed", kind="list"),
                Field(("period", "note"), "--period-note"),
                Field(("twinned_since",), "--twinned-since"),
                Field(("status",), "--status"),
                Field(("description",), "--description"),
            ) + _SOURCE,
            id_rule=_partnership_id,
            pages="partnerships", section="cap-ket-nghia", dataset="cap-ket-nghia", dataset_title=N_("Cặp kết nghĩa"),
            dataset_en="Partnerships",
        ),
        RecordType(
            "activity", "activities", by_year=True,
            references=(
                Reference(("partnership",), "partnership"),
                Reference(("locality",), "locality"),
                Reference(("localities", EVERY), "locality"),
                Reference(("distinct_from", EVERY), "activity"),
            ),
            ordered_dates=(("date",), ("end_date",)),
            names=(("title",),),
            coded_fields=frozenset({"partnership", "locality", "localities", "end_date", "category", "tags", "status",
                                    "given_by", "distinct_from"}),
            code_lists=(
                CodeList(("support-categories",), ("properties", "category", "enum")),
                CodeList(("activity-statuses",), ("properties", "status", "enum")),
                CodeList(("support-givers",), ("properties", "given_by", "enum")),
                CodeList(("qd-1719-projects", "qd-90-projects", "new-rural-criteria"),
                         ("properties", "tags", "items", "enum")),
            ),
            fields=(
                Field(("partnership",), "--partnership", True),
                Field(("locality",), "--locality"),
                Field(("localities",), "--joint-locality", kind="list"),
                Field(("date",), "--date", True),
                Field(("end_date",), "--end-date"),
                Field(("category",), "--category", True),
                Field(("tags",), "--tag", kind="list"),
                Field(("title",), "--title", True),
                Field(("description",), "--description"),
                Field(("status",), "--status"),
                Field(("given_by",), "--given-by"),
                Field(("value", STAGE, "cash"), "--cash", kind="int"),
                Field(("value", STAGE, "in_kind"), "--in-kind", kind="int"),
                Field(("value", STAGE, "mobilised"), "--mobilised", kind="int"),
                Field(("value", STAGE, "unspecified"), "--unspecified", kind="int"),
                Field(("value", "mobilised_from"), "--mobilised-from"),
                Field(("beneficiaries", "households"), "--households", kind="int"),
                Field(("beneficiaries", "people"), "--people", kind="int"),
                Field(("beneficiaries", "note"), "--beneficiaries-note"),
                Field(("distinct_from",), "--distinct-from", kind="list"),
            ) + _SOURCE,
            id_rule=_activity_id,
            pages="activities", dataset="hoat-dong", dataset_title=N_("Hoạt động"),
            dataset_en="Activities",
        ),
        RecordType(
            "reported-total", "reported-totals",
            references=(
                Reference(("scope", "locality"), "locality"),
                Reference(("scope", "sponsor"), "organization"),
            ),
            ordered_dates=(("period", "start"), ("period", "end")),
            coded_fields=frozenset({"scope", "sponsor", "measure", "precision", "as_of"}),
            code_lists=(
                CodeList(("reported-measures",), ("properties", "figures", "items", "properties", "measure", "enum")),
                CodeList(("figure-precisions",), ("properties", "figures", "items", "properties", "precision", "enum")),
            ),
            pages="reported_totals", section="so-lieu-bao-cao", dataset="so-lieu-bao-cao",
            dataset_title=N_("Số liệu báo cáo"), dataset_en="Reported totals (a row per figure)",
            dataset_key=("id", "measure"),
        ),
        RecordType(
            "vocabulary", "vocabularies",
            references=(Reference(("documents", EVERY), "document"),),
            coded_fields=frozenset({"group", "maps_to"}),
            dataset="danh-muc", dataset_title=N_("Danh mục"),
            dataset_en="Vocabularies", dataset_key=("vocabulary", "code"),
        ),
    )
}

BY_FOLDER: dict[str, RecordType] = {t.folder: t for t in TYPES.values()}
# Field names that hold codes, references or dates in any record: the free-text checks skip them.
CODED_FIELDS: frozenset[str] = COMMON_CODED_FIELDS.union(*(t.coded_fields for t in TYPES.values()))
# Vocabularies the tool reads (the schemas' code lists, the pages' labels): a tree without one
# would validate its codes against nothing.
CODE_LIST_VOCABULARIES: tuple[str, ...] = tuple(
    name for t in TYPES.values() for code_list in t.code_lists for name in code_list.vocabularies
)


def folder_of(record_type: str) -> str:
    return TYPES[record_type].folder
