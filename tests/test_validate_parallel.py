"""Validation on every core gives what one process gives, and reports without reading again."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from synthesise import synthesise

from generator import loader, parallel
from generator.loader import PackedPositions, load_file
from generator.validate import validate_tree

from support import PROJECT, TODAY


def _spoil(records: Path) -> None:
    """Faults of every kind a file can have alone or only beside the others."""
    activities = sorted((records / "activities").rglob("*.yaml"))
    first, second, third = activities[0], activities[len(activities) // 2], activities[-1]
    shutil.copy(first, first.with_name("ban-sao.yaml"))  # the same activity twice: a cross-record finding
    text = second.read_text(encoding="utf-8")
    second.write_text(text.replace("partnership: ", "partnership: khong-co-cap-nay-", 1), encoding="utf-8")
    third.write_text(third.read_text(encoding="utf-8") + "title: hai lần\n", encoding="utf-8")  # a duplicate key
    (records / "activities" / "2021" / "sai-duoi.yml").write_text("id: x\n", encoding="utf-8")
    (records / "ghi-chu.yaml").write_text("id: ngoai-thu-muc\n", encoding="utf-8")
    organizations = sorted((records / "organizations").glob("*.yaml"))
    organization = organizations[len(organizations) // 2]
    organization.write_text(organization.read_text(encoding="utf-8") + "khong_co_truong_nay: 1\n", encoding="utf-8")


@pytest.fixture(scope="module")
def spoiled(tmp_path_factory) -> Path:
    records = synthesise(tmp_path_factory.mktemp("synthetic"), scale=0.02, seed=1)
    _spoil(records)
    return records


def _ledger(result) -> list:
    return [(kind, record_id, record.file, record.data)
            for kind, records in result.ledger.records.items() for record_id, record in records.items()]


def test_the_parallel_path_gives_the_serial_diagnostics_and_records(spoiled, monkeypatch):
    serial = validate_tree(spoiled, TODAY, parallel_from=10**9)
    forked: list[int] = []
    real_fork = parallel.os.fork

    def fork():
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(parallel, "can_fork", lambda: True)  # whatever else the test run has started
    monkeypatch.setattr(parallel, "cores", lambda: 3)
    monkeypatch.setattr(parallel.os, "fork", fork)
    shared = validate_tree(spoiled, TODAY, parallel_from=10)
    assert len(forked) == 2  # three shares: two of them in children
    codes = {d.code for d in serial.diagnostics}
    assert {"YAML_DUPLICATE_KEY", "FILE_LOCATION"} <= codes and len(codes) >= 4
    assert any(d.line > 1 for d in serial.diagnostics if d.code not in ("YAML_DUPLICATE_KEY",))
    assert shared.diagnostics == serial.diagnostics
    assert shared.files == serial.files
    assert _ledger(shared) == _ledger(serial)
    assert shared.ledger.ids == serial.ledger.ids


def test_a_small_tree_stays_in_one_process(monkeypatch):
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    monkeypatch.setattr(parallel.os, "fork", lambda: pytest.fail("forked for the shipped records"))
    assert validate_tree(PROJECT / "records", TODAY).errors == []


def test_positions_are_kept_without_the_file(spoiled, tmp_path, monkeypatch):
    """A cross-record finding points at its line from what the first parse kept."""
    copy = shutil.copytree(spoiled, tmp_path / "records")
    result = validate_tree(copy, TODAY)
    parsed = {record.file: load_file(Path(record.doc.file), record.doc.file)[0].positions
              for records in result.ledger.records.values() for record in records.values()}
    shutil.rmtree(copy)
    monkeypatch.setattr(loader, "load_file", lambda *_: pytest.fail("a file read again for its positions"))
    for records in result.ledger.records.values():
        for record in records.values():
            assert isinstance(record.doc.positions, PackedPositions)
            expected = parsed[record.file]
            assert {path: record.doc.position(path) for path in expected} == expected


def test_shipped_records_keep_every_position(monkeypatch):
    result = validate_tree(PROJECT / "records", TODAY)
    monkeypatch.setattr(loader, "load_file", lambda *_: pytest.fail("a file read again for its positions"))
    for records in result.ledger.records.values():
        for record in records.values():
            expected = loader.parse_text(Path(record.doc.positions.path).read_text(encoding="utf-8"), "").positions
            assert {path: record.doc.position(path) for path in expected} == expected
            assert record.doc.position(("no-such-field", 3)) == expected[()]


def test_positions_of_changed_data_are_read_again(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("id: a\nitems:\n  - x\n  - y\n", encoding="utf-8")
    doc = load_file(path, str(path))[0]
    packed = PackedPositions(doc, str(path))
    doc.data["items"].append("z")  # the walk no longer fits the numbers kept
    assert packed.get(("items", 1)) == (4, 5)


def test_a_validation_reusing_the_last_gives_what_a_fresh_one_gives(spoiled, tmp_path, monkeypatch):
    """`serve` validates at every save, reusing what each unchanged file said: the same findings,
    in the same order, the same records, and only the changed files parsed again."""
    from generator import validate

    copy = shutil.copytree(spoiled, tmp_path / "records")
    reuse = validate.Reuse()
    assert validate_tree(copy, TODAY, reuse=reuse).diagnostics == validate_tree(copy, TODAY).diagnostics
    activities = sorted((copy / "activities").rglob("*.yaml"))
    edited, removed = activities[3], activities[4]
    edited.write_text(edited.read_text(encoding="utf-8").replace("title: ", "title: Sửa lại ", 1), encoding="utf-8")
    removed.unlink()
    (copy / "activities" / "2021" / "moi.yaml").write_text("id: moi\n", encoding="utf-8")
    parsed: list[str] = []
    real_load = validate.load_file
    monkeypatch.setattr(validate, "load_file", lambda path, file: parsed.append(Path(file).name) or real_load(path, file))
    again = validate_tree(copy, TODAY, reuse=reuse)
    assert sorted(parsed) == sorted([edited.name, "moi.yaml"])
    monkeypatch.undo()
    fresh = validate_tree(copy, TODAY)
    assert again.diagnostics == fresh.diagnostics
    assert _ledger(again) == _ledger(fresh)
    assert any(d.file.endswith("moi.yaml") for d in again.diagnostics)


def test_a_validation_reusing_the_last_keeps_its_compiled_schemas_until_they_change(spoiled, tmp_path, monkeypatch):
    """Compiling the schemas costs about 0.1 s of each save while serving: they are kept while
    their texts are the same; another text compiles them again and checks every file again."""
    from generator import validate

    copy = shutil.copytree(spoiled, tmp_path / "records")
    reuse = validate.Reuse()
    validate_tree(copy, TODAY, reuse=reuse)
    first = reuse.schemas()
    assert reuse.found and reuse.schemas() is first
    texts = validate.schema_texts()
    monkeypatch.setattr(validate, "schema_texts", lambda: {**texts, "extra.schema.json": "{}"})
    assert reuse.schemas() is not first and not reuse.found
    parsed: list[str] = []
    real_load = validate.load_file
    monkeypatch.setattr(validate, "load_file", lambda path, file: parsed.append(Path(file).name) or real_load(path, file))
    again = validate_tree(copy, TODAY, reuse=reuse)
    reparsed = sorted(parsed)
    parsed.clear()
    fresh = validate_tree(copy, TODAY, parallel_from=10**9)
    assert reparsed == sorted(parsed) and len(parsed) > 800  # every file checked again, as a fresh validation does
    assert again.diagnostics == fresh.diagnostics
