"""Validation of a records tree: load, schema, per-record rules, cross-record rules."""
from __future__ import annotations

import contextlib
import datetime
import functools
import gc
from dataclasses import dataclass, field
from pathlib import Path

from . import parallel, rules
from .catalogue import severity
from .diagnostics import Diagnostic
from .ledger import Context, Ledger
from .loader import LoadError, PackedPositions, load_file, read_file
from .records import RECORD_TYPES, Record, RecordFile, discover, display_path
from .schema import SchemaSet, schema_texts


@dataclass
class Result:
    ledger: Ledger
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[RecordFile] = field(default_factory=list)
    root: Path | None = None  # the records folder validated

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def _location_error(record_file: RecordFile) -> Diagnostic:
    if record_file.type is None:
        folders = ", ".join(f"{f}/" for f in RECORD_TYPES)
        message = f"tệp nằm ngoài các thư mục hồ sơ ({folders}): hãy chuyển vào đúng thư mục"
    else:
        # Ids hold no dot: "x.yml" and a copy "x.yaml.bak" both come from x.yaml.
        stem = record_file.id.split(".", 1)[0]
        message = f"tệp hồ sơ phải có đuôi .yaml: hãy đổi tên thành {stem}.yaml, hoặc xoá tệp nếu đó là một bản sao"
    return Diagnostic(record_file.file, 1, 1, severity("FILE_LOCATION"), "FILE_LOCATION", "", message)


def validate_tree(root: Path, today: datetime.date, schemas: SchemaSet | None = None,
                  parallel_from: int | None = None, reuse: Reuse | None = None) -> Result:
    """Every diagnostic of the tree at `root`, in the order of its files, then the ledger-wide
    ones. From `parallel_from` files on (PARALLEL_FROM unless given), the files are checked on
    every core; given `reuse`, in this process, each file only when its bytes changed since."""
    # Loading builds millions of small objects that are never cyclic garbage; the
    # collector's passes over them cost a third of the time, so it waits until the end.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _validate_tree(root, today, schemas or (reuse.schemas() if reuse else SchemaSet()),
                              PARALLEL_FROM if parallel_from is None else parallel_from, reuse)
    finally:
        if gc_was_enabled:
            gc.enable()


# Below this many files, checking in one process is faster: a second one costs its fork and
# sending back what it checked (the records and their diagnostics); see the README's figures.
PARALLEL_FROM = 2000

Checked = tuple[list[Diagnostic], Record | None]  # a file's own diagnostics, its record if schema-valid


def _check_file(record_file: RecordFile, today: datetime.date, schemas: SchemaSet) -> Checked:
    """What one file says alone: read, parsed, checked against its schema and the per-record rules."""
    if record_file.problem:  # refused unread: a link out of the tree, a folder not walked
        code, message = record_file.problem
        return [Diagnostic(record_file.file, 1, 1, severity(code), code, "", message)], None
    if record_file.type is None or not record_file.is_yaml:
        return [_location_error(record_file)], None
    doc, diagnostics = load_file(record_file.path, record_file.file)
    if doc is None:
        return diagnostics, None
    for check_document in rules.ANY_DOCUMENT:
        diagnostics.extend(check_document(doc))
    schema_problems = schemas.check(record_file.type, doc)
    diagnostics.extend(schema_problems)
    if schema_problems:
        return diagnostics, None
    record = Record(record_file.type, record_file.id, doc)
    for check_record in rules.PER_RECORD:
        diagnostics.extend(check_record(record, record_file.folder_parts, today))
    doc.positions = PackedPositions(doc, record_file.path)  # for the cross-record rules, compactly
    return diagnostics, record


def _check_files(files: list[RecordFile], today: datetime.date, schemas: SchemaSet) -> list[Checked]:
    return [_check_file(record_file, today, schemas) for record_file in files]


def _check_all(files: list[RecordFile], today: datetime.date, schemas: SchemaSet, parallel_from: int) -> list[Checked]:
    """Every file checked, in order; a large tree in as many shares as the machine has cores,
    all but the first in forked processes (each file is checked alone, so the shares are
    independent and the result is the same)."""
    shares = parallel.cores() if len(files) >= parallel_from else 1
    size = -(-len(files) // shares)
    parts = [files[i:i + size] for i in range(0, len(files), size)] or [[]]
    with contextlib.ExitStack() as stack:
        others = [stack.enter_context(parallel.elsewhere(functools.partial(_check_files, part, today, schemas)))
                  for part in parts[1:]]
        checked = _check_files(parts[0], today, schemas)
        for other in others:
            checked.extend(other())
    return checked


@dataclass
class Reuse:
    """What each file said at the last validation, kept for the next one (`serve` validates the
    whole tree at every save): a file whose bytes are the same is not parsed or checked again."""

    today: datetime.date | None = None
    found: dict[str, tuple[bytes, Checked]] = field(default_factory=dict)  # path -> (bytes, what they said)
    compiled: tuple[dict[str, str], SchemaSet] | None = None  # the schemas' texts, and them compiled

    def schemas(self) -> SchemaSet:
        """The schemas compiled at the last validation while their texts are the same (compiling
        them costs about 0.1 s a save); other texts check every file again."""
        texts = schema_texts()
        if self.compiled is None or self.compiled[0] != texts:
            self.compiled, self.found = (texts, SchemaSet()), {}
        return self.compiled[1]

    def check_all(self, files: list[RecordFile], today: datetime.date, schemas: SchemaSet) -> list[Checked]:
        if today != self.today:  # the per-record rules compare dates with today
            self.today, self.found = today, {}
        checked = [self._check(record_file, today, schemas) for record_file in files]
        paths = {record_file.path for record_file in files}
        self.found = {path: kept for path, kept in self.found.items() if path in paths}  # files removed since
        return checked

    def _check(self, record_file: RecordFile, today: datetime.date, schemas: SchemaSet) -> Checked:
        if record_file.problem or record_file.type is None or not record_file.is_yaml:
            return _check_file(record_file, today, schemas)  # said without reading the file
        try:
            raw = read_file(record_file.path)
        except (LoadError, OSError):
            return _check_file(record_file, today, schemas)  # which says why, in the usual words
        kept = self.found.get(record_file.path)
        if kept is not None and kept[0] == raw:
            return kept[1]
        checked = _check_file(record_file, today, schemas)
        self.found[record_file.path] = raw, checked
        return checked


def _validate_tree(root: Path, today: datetime.date, schemas: SchemaSet, parallel_from: int,
                   reuse: Reuse | None) -> Result:
    ledger = Ledger()
    result = Result(ledger, root=Path(root))
    result.files = list(discover(root))
    checked = (_check_all(result.files, today, schemas, parallel_from) if reuse is None
               else reuse.check_all(result.files, today, schemas))
    files_by_type: dict[str, list[tuple[RecordFile, Record | None]]] = {}
    for record_file, (diagnostics, record) in zip(result.files, checked, strict=True):
        result.diagnostics.extend(diagnostics)
        if record_file.type is None or not record_file.is_yaml:
            continue
        ledger.add_id(record_file.type, record_file.id)  # a refused file's references are not reported again
        if record_file.problem:
            continue
        if record is not None:
            ledger.add(record)
        files_by_type.setdefault(record_file.type, []).append((record_file, record))
    context = Context(today, schemas, files_by_type, display_path(Path(root).resolve()))
    for check_ledger in rules.CROSS_RECORD:
        result.diagnostics.extend(check_ledger(ledger, context))
    return result


def files_by_type(result: Result) -> dict[str, list[tuple[RecordFile, Record | None]]]:
    """The record files of a validation result by type, each with its schema-valid record."""
    found: dict[str, list[tuple[RecordFile, Record | None]]] = {}
    for record_file in result.files:
        if record_file.type is None or not record_file.is_yaml or record_file.problem:
            continue
        record = result.ledger.get(record_file.type, record_file.id)
        found.setdefault(record_file.type, []).append((record_file, record if record and record.file == record_file.file else None))
    return found


def check_changes(result: Result, changed: list[tuple[RecordFile, Record]], removed: set[tuple[str, str]],
                  today: datetime.date, schemas: SchemaSet) -> tuple[Ledger, list[Diagnostic]]:
    """Validate records not yet written, in memory, together with a validated ledger: `changed`
    are new or replace the record of the same type and id (already schema-valid: not checked
    again), `removed` (type, id) are taken out. Returns the ledger so changed and every finding
    on it; the ledger of `result` is left as it was."""
    ledger = Ledger({t: dict(by_id) for t, by_id in result.ledger.records.items()},
                    {t: set(ids) for t, ids in result.ledger.ids.items()})
    replaced = {(record.type, record.id) for _, record in changed} | removed
    by_type = {t: [(f, r) for f, r in files if (t, f.id) not in replaced] for t, files in files_by_type(result).items()}
    for record_type, record_id in removed:
        ledger.records.get(record_type, {}).pop(record_id, None)
        ledger.ids.get(record_type, set()).discard(record_id)
    found: list[Diagnostic] = []
    for record_file, record in changed:
        for check_document in rules.ANY_DOCUMENT:
            found.extend(check_document(record.doc))
        for check_record in rules.PER_RECORD:
            found.extend(check_record(record, record_file.folder_parts, today))
        ledger.add_id(record.type, record.id)
        ledger.add(record)
        by_type.setdefault(record.type, []).append((record_file, record))
    context = Context(today, schemas, by_type, display_path(Path(result.root).resolve()) if result.root else "records")
    for check_ledger in rules.CROSS_RECORD:
        found.extend(check_ledger(ledger, context))
    return ledger, found
