"""Rules that a schema cannot express. Each module holds one concern.

`PER_RECORD` checks look at one schema-valid record; `CROSS_RECORD` checks
look at the whole ledger; `ANY_DOCUMENT` checks look at every loaded file, valid
or not. Every check returns Diagnostics with a catalogue code.
"""
from __future__ import annotations

import datetime
from collections.abc import Callable

from ..diagnostics import Diagnostic
from ..ledger import Context, Ledger
from ..loader import Document
from ..records import Record
from . import amounts, dates, duplicates, identity, programmes, references, reported, sources, spelling, text, vocabularies

# (record, its sub-folders below the type folder, today)
PerRecordCheck = Callable[[Record, tuple[str, ...], datetime.date], list[Diagnostic]]
CrossRecordCheck = Callable[[Ledger, Context], list[Diagnostic]]
DocumentCheck = Callable[[Document], list[Diagnostic]]

PER_RECORD: tuple[PerRecordCheck, ...] = (
    identity.check_record, dates.check_record, programmes.check_record, amounts.check_record, spelling.check_record,
    sources.check_record,
)
CROSS_RECORD: tuple[CrossRecordCheck, ...] = (
    identity.check_ledger, references.check_ledger, dates.check_ledger, vocabularies.check_ledger,
    duplicates.check_ledger, reported.check_ledger, programmes.check_ledger,
)
ANY_DOCUMENT: tuple[DocumentCheck, ...] = (text.check_document,)
