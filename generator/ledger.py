"""The ledger: every record that passed its schema, indexed by type and id."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .records import Record, RecordFile

if TYPE_CHECKING:
    from .schema import SchemaSet


@dataclass
class Ledger:
    records: dict[str, dict[str, Record]] = field(default_factory=dict)  # type -> {id: Record}, schema-valid only
    ids: dict[str, set[str]] = field(default_factory=dict)  # type -> ids of every file, valid or not

    def add_id(self, record_type: str, record_id: str) -> None:
        self.ids.setdefault(record_type, set()).add(record_id)

    def add(self, record: Record) -> None:
        self.records.setdefault(record.type, {})[record.id] = record

    def of(self, record_type: str) -> dict[str, Record]:
        return self.records.get(record_type, {})

    def get(self, record_type: str, record_id: str) -> Record | None:
        return self.records.get(record_type, {}).get(record_id)

    def exists(self, record_type: str, record_id: str) -> bool:
        return record_id in self.ids.get(record_type, ())

    def vocabulary(self, vocabulary_id: str) -> dict[str, dict[str, Any]]:
        """code -> item of a vocabulary record ({} when it is missing or invalid)."""
        record = self.get("vocabulary", vocabulary_id)
        return {item["code"]: item for item in record.data["items"]} if record else {}


@dataclass
class Context:
    """What cross-record rules need besides the ledger."""

    today: datetime.date
    schemas: SchemaSet
    files_by_type: dict[str, list[tuple[RecordFile, Record | None]]]  # in discovery order
    records: str = "records"  # the records folder as shown to people
