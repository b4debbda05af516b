"""A new record type is its schema, its registry entry and its page module: three files.

The test adds one (a commitment of a sponsor, invented here) to a copy of the package and checks that the
loader, the schema, the rules (references, dates, free text), the pages and the open data all
take it, with nothing else edited.
"""
from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
import sys
from pathlib import Path

from support import PROJECT, TODAY, build_tree

SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "Cam kết",
    "description": "Một cam kết của đơn vị kết nghĩa: căn cứ, thời gian, người ký.",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "name", "period", "basis"],
    "properties": {
        "id": {"$ref": "common.schema.json#/definitions/id"},
        "name": {"title": "Tên", "description": "Tên cam kết.", "type": "string", "minLength": 1},
        "coordinator": {"title": "Cơ quan điều phối", "description": "Tên cơ quan.", "type": "string"},
        "period": {
            "title": "Thời gian", "description": "Từ ngày, đến ngày.", "type": "object",
            "additionalProperties": False, "required": ["start"],
            "properties": {
                "start": {"title": "Từ", "description": "Ngày bắt đầu.", "type": "string", "format": "date"},
                "end": {"title": "Đến", "description": "Ngày kết thúc.", "type": "string", "format": "date"},
            },
        },
        "basis": {"title": "Căn cứ", "description": "Mã các văn bản.", "type": "array",
                  "items": {"title": "Văn bản", "description": "Mã văn bản.", "type": "string"}},
    },
}

ENTRY = '''        RecordType(
            "commitment", "commitments",
            references=(Reference(("basis", EVERY), "document"),),
            ordered_dates=(("period", "start"), ("period", "end")),
            coded_fields=frozenset({"basis"}),
            pages="commitments", section="cam-ket", dataset="cam-ket", dataset_title=N_("Cam kết"),
        ),
'''

PAGES = '''"""Cam kết: one page per commitment."""
from ...view import urls
from ...view.escape import h
from .page import Page


def pages(site):
    for pid, commitment in site.records.get("commitment", {}).items():
        yield Page(urls.entity("commitment", pid), commitment["name"], h(commitment.get("coordinator", "")))
'''


def _with_new_type(work: Path) -> Path:
    """A copy of the package with the three files of a new record type."""
    package = work / "package"
    for folder in ("generator", "schemas"):
        shutil.copytree(PROJECT / folder, package / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "schemas" / "commitment.schema.json").write_text(json.dumps(SCHEMA, ensure_ascii=False), encoding="utf-8")
    registry = package / "generator" / "registry.py"
    text = registry.read_text(encoding="utf-8")
    anchor = '        RecordType(\n            "vocabulary"'
    assert anchor in text
    registry.write_text(text.replace(anchor, ENTRY + anchor), encoding="utf-8")
    (package / "generator" / "site" / "pages" / "commitments.py").write_text(PAGES, encoding="utf-8")
    return package


def _changed(package: Path) -> list[str]:
    changed = []
    for folder in ("generator", "schemas"):
        for path in sorted((package / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                original = PROJECT / path.relative_to(package)
                if not original.is_file() or not filecmp.cmp(path, original, shallow=False):
                    changed.append(path.relative_to(package).as_posix())
    return changed


def _cli(package: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    code = f"import sys; sys.path.insert(0, {str(package)!r}); from generator.cli import main; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def _commitment(records: Path, pid: str, **data) -> None:
    folder = records / "commitments"
    folder.mkdir(exist_ok=True)
    lines = [f"id: {pid}"] + [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items()]
    (folder / f"{pid}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_new_record_type_needs_three_files(tmp_path):
    package = _with_new_type(tmp_path)
    assert _changed(package) == [
        "generator/registry.py",
        "generator/site/pages/commitments.py",
        "schemas/commitment.schema.json",
    ]
    records = build_tree(tmp_path / "tree")
    _commitment(records, "qd-1100", name="Kết nghĩa theo QĐ 1100", coordinator="Ban Dân tộc tỉnh",
               period={"start": "2020-04-16", "end": "2025-12-31"}, basis=["qd-1100-qd-ubnd-2020"])
    today = ["--today", TODAY.isoformat()]
    checked = _cli(package, "validate", str(records), *today, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    out = tmp_path / "out"
    made = _cli(package, "generate", "--records", str(records), "--out", str(out), *today, cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    assert "Ban Dân tộc tỉnh" in (out / "cam-ket" / "qd-1100" / "index.md").read_text(encoding="utf-8")
    csv_text = (out / "du-lieu-mo" / "cam-ket.csv").read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0] == "id,name,coordinator,basis"
    assert "qd-1100,Kết nghĩa theo QĐ 1100,Ban Dân tộc tỉnh,qd-1100-qd-ubnd-2020" in csv_text
    # The document's page lists what cites it, the new type included.
    document = (out / "van-ban" / "qd-1100-qd-ubnd-2020" / "index.md").read_text(encoding="utf-8")
    assert "cam-ket/qd-1100/" in document


def test_the_rules_apply_to_the_new_type(tmp_path):
    package = _with_new_type(tmp_path)
    records = build_tree(tmp_path / "tree")
    _commitment(records, "sai", name="Có số điện thoại 0905 123 456", period={"start": "2025-01-01", "end": "2024-01-01"},
               basis=["khong-co-van-ban-nay"])
    checked = _cli(package, "validate", str(records), "--today", TODAY.isoformat(), cwd=tmp_path)
    assert checked.returncode == 1
    for code in ("REF_UNKNOWN", "DATE_ORDER", "PRIVACY_PHONE"):
        assert "commitments/sai.yaml" in checked.stdout and code in checked.stdout, (code, checked.stdout)
    assert "records/documents/khong-co-van-ban-nay.yaml" in checked.stdout
