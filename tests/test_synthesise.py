"""The synthetic province-scale tree used by the benchmark is valid and deterministic."""
from __future__ import annotations

import datetime
import hashlib
import os
import sys
from pathlib import Path

import pytest
from slugify import slugify

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from synthesise import synthesise

from generator.loader import load_file
from generator.validate import validate_tree

from support import PROJECT

SCALE = 0.02
TODAY = datetime.date(2026, 11, 26)


def _digest(records: Path) -> str:
    digest = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(records):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            digest.update(str(path.relative_to(records)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    return synthesise(tmp_path_factory.mktemp("synthetic"), scale=SCALE, seed=0)


def test_synthetic_tree_validates_without_errors_or_warnings(tree):
    result = validate_tree(tree, TODAY)
    assert [d.text() for d in result.diagnostics] == []


def test_synthetic_tree_has_the_scaled_counts(tree):
    def count(folder):
        return sum(len(files) for _, _, files in os.walk(tree / folder))

    assert count("organizations") >= 150 * SCALE
    assert count("partnerships") >= 300 * SCALE
    assert count("activities") >= 20_000 * SCALE
    assert {p.name for p in (tree / "activities").iterdir()} <= {str(y) for y in range(2020, 2026)}


def test_every_file_starts_with_the_schema_modeline(tree):
    for dirpath, _, filenames in os.walk(tree):
        for name in filenames:
            path = Path(dirpath) / name
            first = path.read_text(encoding="utf-8").splitlines()[0]
            depth = len(path.relative_to(tree).parts)
            record_type = first.rsplit("/", 1)[-1].removesuffix(".schema.json")
            assert first == f"# yaml-language-server: $schema={'../' * depth}schemas/{record_type}.schema.json"


def test_organization_ids_are_the_slugs_of_their_names(tree):
    """The same slug rule as `new` and the site's headings: Đ becomes D, marks are dropped."""
    copied = {path.name for path in (PROJECT / "records" / "organizations").glob("*.yaml")}  # programme coordinators
    for path in (tree / "organizations").glob("*.yaml"):
        if path.name in copied:
            continue
        data = load_file(path, str(path))[0].data
        assert data["id"] == slugify(data["name"])


def test_activities_have_money_sources_and_text(tree):
    activities = sorted((tree / "activities").rglob("*.yaml"))
    docs = [load_file(path, str(path))[0] for path in activities[:200]]
    assert all(doc is not None for doc in docs)
    for doc in docs:
        for source in doc.data["sources"]:
            assert source["url"].startswith("https://")
        assert 1 <= len(doc.data["sources"]) <= 2
        for stage in doc.data.get("value", {}).values():
            if isinstance(stage, dict):
                assert all(isinstance(v, int) and v >= 0 for v in stage.values())
    assert any("tags" in doc.data for doc in docs)
    assert any("value" in doc.data for doc in docs)


def test_same_seed_same_tree(tmp_path):
    first = synthesise(tmp_path / "a", scale=0.01, seed=3)
    second = synthesise(tmp_path / "b", scale=0.01, seed=3)
    other = synthesise(tmp_path / "c", scale=0.01, seed=4)
    assert _digest(first) == _digest(second)
    assert _digest(first) != _digest(other)
