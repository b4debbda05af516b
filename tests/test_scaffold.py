"""`python -m generator new …`: the record it writes passes the validator on the first try."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator import scaffold
from generator.cli import main
from generator.loader import load_file
from generator.registry import STAGE, TYPES, folder_of
from generator.validate import validate_tree

from support import TODAY, build_tree

PROJECT = Path(__file__).resolve().parent.parent
GUIDE = PROJECT / "docs" / "huong-dan-dong-gop.md"

ACTIVITY = [
    "--partnership", "don-vi-a-xa-ch-om", "--date", "2024-05-10", "--category", "mo-hinh-sinh-ke",
    "--title", "Trao bò giống cho hộ nghèo xã Ch'ơm", "--cash", "90000000", "--households", "12",
    "--description", "Đơn vị trao 12 con bò giống; 50% kinh phí do đơn vị tự lo.",
    "--source-title", "Trao bò giống: sinh kế cho hộ nghèo", "--source-publisher", "Báo Quảng Nam",
    "--source-date", "2024-05-11", "--source-url", "https://baoquangnam.vn/trao-bo.html",
]
OTHERS = {
    "partnership": ["--programme", "qd-1100-2020-2025", "--sponsor", "don-vi-b", "--locality", "xa-ch-om", "--basis", "qd-1100-qd-ubnd-2020",
                    "--start", "2021-01-01", "--end", "2025-12-31", "--twinned-since", "2001"],
    "organization": ["--name", "Công ty Cổ phần Thử Nghiệm Quảng Nam", "--short-name", "Công ty Thử Nghiệm",
                     "--kind", "doanh-nghiep", "--alias", "TN Corp", "--website", "https://example.vn"],
    "document": ["--number", "123/KH-UBND", "--kind", "ke-hoach", "--title", "Kế hoạch thử nghiệm",
                 "--issuer", "UBND huyện Tây Giang", "--date", "2022-03-04"],
}
SOURCE = ["--source-title", "Tin thử nghiệm", "--source-publisher", "Báo thử nghiệm", "--source-date", "2022"]


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)


def new(records: Path, record_type: str, *flags: str) -> int:
    return main(["new", record_type, "--records", str(records), "--today", TODAY.isoformat(), *flags])


def diagnostics_for(records: Path, path: Path) -> list:
    result = validate_tree(records, TODAY)
    return [d for d in result.diagnostics if Path(d.file).resolve() == path.resolve()]


def test_activity_is_written_where_it_belongs_and_validates(record_tree, capsys):
    assert new(record_tree, "activity", *ACTIVITY) == 0
    path = record_tree / "activities" / "2024" / "2024-05-10-trao-bo-giong-cho-ho-ngheo-xa-ch-om.yaml"
    assert path.name in capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../../schemas/activity.schema.json"
    assert diagnostics_for(record_tree, path) == []
    data = load_file(path, "x")[0].data
    assert data["id"] == path.stem
    assert data["status"] == "hoan-thanh"
    assert data["value"] == {"delivered": {"cash": 90000000}}
    assert data["beneficiaries"] == {"households": 12}


def test_every_field_has_a_vietnamese_comment(record_tree):
    assert new(record_tree, "activity", *ACTIVITY) == 0
    lines = next((record_tree / "activities" / "2024").glob("*.yaml")).read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if re.match(r"\s*(- )?[a-z_]+:", line):
            assert lines[i - 1].lstrip().startswith("# "), line
    assert "# Tiền mặt: Hỗ trợ bằng tiền, số nguyên đồng" in "\n".join(lines)


def test_scaffolded_record_is_already_canonical(record_tree, capsys):
    assert new(record_tree, "activity", *ACTIVITY) == 0
    capsys.readouterr()
    assert main(["format", "--check", str(record_tree / "activities" / "2024")]) == 0


@pytest.mark.parametrize("record_type", sorted(OTHERS))
def test_other_record_types_validate(record_tree, record_type):
    assert new(record_tree, record_type, *OTHERS[record_type], *SOURCE) == 0
    folder = record_tree / folder_of(record_type)
    created = [p for p in folder.glob("*.yaml") if "thu-nghiem" in p.stem or p.stem.startswith(("kh-123-", "don-vi-b-xa"))]
    assert len(created) == 1
    assert diagnostics_for(record_tree, created[0]) == []


def test_ids_follow_the_programme_conventions():
    document = {"kind": "quyet-dinh", "number": "1100/QĐ-UBND", "date": "2020-04-16"}
    assert scaffold.record_id("document", document) == "qd-1100-qd-ubnd-2020"
    law = {"kind": "nghi-dinh", "number": "356/2025/NĐ-CP", "date": "2025-12-31"}
    assert scaffold.record_id("document", law) == "nd-356-2025-nd-cp"
    assert scaffold.record_id("partnership", {"sponsors": ["ban-dan-toc-tinh"], "locality": "xa-phuoc-chanh"}) == "ban-dan-toc-tinh-xa-phuoc-chanh"
    assert scaffold.record_id("activity", {"date": "2023-01", "title": "Đỡ đầu học sinh Đắc Tôi"}) == "2023-01-do-dau-hoc-sinh-dac-toi"


def test_future_activity_is_planned_and_its_money_too(record_tree):
    flags = list(ACTIVITY)
    flags[flags.index("--date") + 1] = "2027-02-01"
    assert new(record_tree, "activity", *flags) == 0
    path = next((record_tree / "activities" / "2027").glob("*.yaml"))
    data = load_file(path, "x")[0].data
    assert data["status"] == "ke-hoach" and data["value"] == {"planned": {"cash": 90000000}}


def test_refuses_to_overwrite(record_tree, capsys):
    assert new(record_tree, "activity", *ACTIVITY) == 0
    path = next((record_tree / "activities" / "2024").glob("*.yaml"))
    path.write_text("# sửa tay\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    assert new(record_tree, "activity", *ACTIVITY) == 1
    assert "không ghi đè" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == before


def test_missing_values_without_a_terminal_are_listed(record_tree, capsys):
    assert new(record_tree, "activity", "--title", "Một hoạt động") == 2
    err = capsys.readouterr().err
    assert "--partnership" in err and "--category" in err and "--source-title" in err
    assert not (record_tree / "activities" / "2026").exists()


def test_bad_values_are_explained_before_anything_is_written(record_tree, capsys):
    flags = list(ACTIVITY)
    flags[flags.index("--partnership") + 1] = "don-vi-a-xa-chom"
    flags[flags.index("--category") + 1] = "bo-giong"
    assert new(record_tree, "activity", *flags) == 1
    err = capsys.readouterr().err
    assert "category: mã 'bo-giong' không có trong danh mục" in err
    assert "có phải: don-vi-a-xa-ch-om" in err
    assert not (record_tree / "activities" / "2024").exists()


def test_prompts_for_missing_values_on_a_terminal(record_tree, monkeypatch):
    answers = iter(["don-vi-a-xa-ch-om", "y-te", "Khám bệnh miễn phí", "Tin khám bệnh", "Báo thử nghiệm", "2024-06"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    assert new(record_tree, "activity", "--date", "2024-06-01") == 0
    path = record_tree / "activities" / "2024" / "2024-06-01-kham-benh-mien-phi.yaml"
    assert diagnostics_for(record_tree, path) == []


def _guide_example() -> str:
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    return next(b for b in blocks if "schemas/activity.schema.json" in b)


def test_the_guide_example_validates_against_the_real_records(tmp_path):
    records = tmp_path / "records"
    shutil.copytree(PROJECT / "records", records)
    text = _guide_example()
    record_id = re.search(r"^id: (\S+)$", text, re.M).group(1)
    path = records / "activities" / record_id[:4] / f"{record_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    assert diagnostics_for(records, path) == []
    assert main(["format", "--check", str(path)]) == 0



def test_the_guide_quotes_the_validator_exactly(tmp_path):
    records = build_tree(tmp_path)
    text = _guide_example().replace("partnership: ban-dan-toc-tinh-xa-phuoc-chanh", "partnership: don-vi-a-xa-ch-om")
    record_id = re.search(r"^id: (\S+)$", text, re.M).group(1)
    path = records / "activities" / "2024" / f"{record_id}.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text.replace("cash: 45000000", "cash: 45.000.000"), encoding="utf-8")
    (found,) = diagnostics_for(records, path)
    line = found.text().replace(found.file, f"records/activities/2024/{record_id}.yaml")
    assert line in GUIDE.read_text(encoding="utf-8")


@pytest.mark.parametrize("record_type", scaffold.makes())
def test_help_lists_a_flag_for_every_field(record_type, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["new", record_type, "--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    for item in TYPES[record_type].fields:
        assert item.flag in out


def _leaves(shape, node, base, path=()):
    """Every field a record can hold, as paths; list items as index 0."""
    node, base = shape.resolve(node, base)
    if "properties" in node:
        for key, child in node["properties"].items():
            yield from _leaves(shape, child, base, path + (key,))
    elif isinstance(node.get("items"), dict) and "properties" in shape.resolve(node["items"], base)[0]:
        yield from _leaves(shape, node["items"], base, path + (0,))
    else:
        yield path


@pytest.mark.parametrize("record_type", scaffold.makes())
def test_every_schema_field_has_a_flag(record_type):
    from generator.schema_shape import SchemaShape

    shape = SchemaShape()
    covered = {tuple("planned" if k == STAGE else k for k in f.path) for f in TYPES[record_type].fields}
    covered |= {tuple("delivered" if k == STAGE else k for k in f.path) for f in TYPES[record_type].fields}
    covered.add(("id",))
    assert set(_leaves(shape, *shape.root(record_type))) <= covered


def test_stage_flag_puts_money_in_the_plan(record_tree):
    assert new(record_tree, "activity", *ACTIVITY, "--stage", "planned") == 0
    data = load_file(next((record_tree / "activities" / "2024").glob("*.yaml")), "x")[0].data
    assert data["value"] == {"planned": {"cash": 90000000}}
