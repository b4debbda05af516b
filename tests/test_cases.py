"""Folders of valid and invalid records, each invalid one with its expected code and line.

tests/cases/invalid/<case>/records/… is laid over a valid tree, and the
validator must report exactly the findings in expect.txt (file:line CODE) —
nothing else, so every other record still validates.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalogue import RULES
from generator.validate import validate_tree

from support import CASES, TODAY, build_tree

INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (CASES / "valid").iterdir() if p.is_dir())
# Refusals that need a file too large or unreadable to keep in git: tests/test_loader.py.
COVERED_ELSEWHERE = {"FILE_TOO_LARGE", "FILE_UNREADABLE", "SCHEMA_OTHER", "SCHEMA_TOO_MANY",
                     "FILE_LINK", "FOLDER_UNREADABLE", "VOCAB_MISSING"}  # a tree's refusals: tests/test_discover.py


def findings(records: Path) -> set[tuple[str, int, str]]:
    result = validate_tree(records, TODAY)
    root = records.parent.resolve()
    return {
        (Path(d.file).resolve().relative_to(root).as_posix(), d.line, d.code)
        for d in result.diagnostics
    }


def expected(case: Path) -> set[tuple[str, int, str]]:
    out = set()
    for line in (case / "expect.txt").read_text(encoding="utf-8").splitlines():
        place, code = line.rsplit(" ", 1)
        file, number = place.rsplit(":", 1)
        out.add((file, int(number), code))
    return out


def test_base_tree_is_valid(tmp_path):
    assert findings(build_tree(tmp_path)) == set()


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_case(case, tmp_path):
    assert findings(build_tree(tmp_path, case)) == expected(case)


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_case(case, tmp_path):
    assert findings(build_tree(tmp_path, case)) == set()


def test_every_rule_has_an_invalid_case():
    covered = {code for case in INVALID for _, _, code in expected(case)}
    assert set(RULES) - covered - COVERED_ELSEWHERE == set()


def test_messages_name_file_and_stay_vietnamese(tmp_path):
    records = build_tree(tmp_path, CASES / "invalid" / "date-outside-period")
    result = validate_tree(records, TODAY)
    [diagnostic] = result.diagnostics
    assert diagnostic.text().endswith(diagnostic.message)
    assert "activities/2020/x.yaml:4:7: error[DATE_OUTSIDE_PERIOD]: date: ngày 1/6/2020 nằm ngoài" in diagnostic.text()


def test_spelling_suggests_the_official_placement():
    from generator.rules.spelling import preferred

    assert preferred("xã Phước Hoà, Thuỷ lợi, Khoẻ") == "xã Phước Hòa, Thủy lợi, Khỏe"
    # Closed syllables and "qu" are the same in both conventions: nothing moves.
    assert preferred("Hoàng, Thuận, quý, Quý Hoàng") == "Hoàng, Thuận, quý, Quý Hoàng"
