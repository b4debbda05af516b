"""Rules that a schema cannot express. Each module holds one concern.

`per_record` checks look at one schema-valid record; `cross_record` checks
look at the whole ledger. Every check yields Diagnostics with a catalogue code.
"""
from . import amounts, dates, identity, references, text, vocabularies

PER_RECORD = (identity.check_record, dates.check_record, amounts.check_record)
CROSS_RECORD = (identity.check_ledger, references.check_ledger, dates.check_ledger, vocabularies.check_ledger)
ANY_DOCUMENT = (text.check_document,)
