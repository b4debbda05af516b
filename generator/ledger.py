"""The ledger: every record that passed its schema, indexed by type and id."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .records import Record


@dataclass
class Ledger:
    records: dict = field(default_factory=dict)  # type -> {id: Record}, schema-valid only
    ids: dict = field(default_factory=dict)  # type -> set of ids of every file, valid or not

    def add_id(self, record_type: str, record_id: str) -> None:
        self.ids.setdefault(record_type, set()).add(record_id)

    def add(self, record: Record) -> None:
        self.records.setdefault(record.type, {})[record.id] = record

    def of(self, record_type: str) -> dict:
        return self.records.get(record_type, {})

    def get(self, record_type: str, record_id: str) -> Record | None:
        return self.records.get(record_type, {}).get(record_id)

    def exists(self, record_type: str, record_id: str) -> bool:
        return record_id in self.ids.get(record_type, ())

    def vocabulary(self, vocabulary_id: str) -> dict:
        """code -> item of a vocabulary record ({} when it is missing or invalid)."""
        record = self.get("vocabulary", vocabulary_id)
        return {item["code"]: item for item in record.data["items"]} if record else {}


@dataclass
class Context:
    """What cross-record rules need besides the ledger."""

    today: datetime.date
    schemas: object  # schema.SchemaSet
    files_by_type: dict  # type -> [(RecordFile, Record | None)] in discovery order
    records: str = "records"  # the records folder as shown to people
