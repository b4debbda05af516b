"""The small traps staff met in `new` and `validate` (no silent today, answers kept, amounts as typed, nearest ids)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from generator.cli import main
from generator.loader import load_file
from generator.validate import validate_tree

from support import PROJECT, TODAY

ACTIVITY = [
    "--partnership", "don-vi-a-xa-ch-om", "--category", "mo-hinh-sinh-ke", "--title", "Trao bò giống",
    "--source-title", "Tin", "--source-publisher", "Báo thử nghiệm", "--source-date", "2024-05-11",
]


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)


def new(records, *flags):
    return main(["new", "activity", "--records", str(records), "--today", TODAY.isoformat(), *flags])


def test_no_date_is_asked_for_not_taken_from_today(record_tree, capsys):
    assert new(record_tree, *ACTIVITY) == 2
    assert "--date" in capsys.readouterr().err
    assert not (record_tree / "activities" / str(TODAY.year)).exists()


def test_amounts_and_counts_as_staff_type_them(record_tree):
    assert new(record_tree, *ACTIVITY, "--date", "2024-05-10", "--cash", "90 triệu", "--households", "1.200") == 0
    data = load_file(next((record_tree / "activities" / "2024").glob("*.yaml")), "x")[0].data
    assert data["value"]["delivered"]["cash"] == 90_000_000 and data["beneficiaries"]["households"] == 1200


def test_a_bad_option_is_refused_in_vietnamese():
    ran = subprocess.run([sys.executable, "-m", "generator", "new", "activity", "--cash", "chín chục triệu"],
                         cwd=PROJECT, capture_output=True, text=True)
    assert ran.returncode == 2
    assert "usage:" not in ran.stderr and "error:" not in ran.stderr
    assert "--cash: không đọc được số tiền 'chín chục triệu'" in ran.stderr and "--help" in ran.stderr


def test_one_bad_answer_keeps_the_others(record_tree, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter(["don-vi-a-xa-chom", "mo-hinh-sinh-ke", "Trao bò giống", "Tin", "Báo thử nghiệm", "2024-05-11"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["new", "activity", "--records", str(record_tree), "--today", TODAY.isoformat(), "--date", "2024-05-10"]) == 1
    err = capsys.readouterr().err
    assert "có phải: don-vi-a-xa-ch-om" in err
    assert ("python -m generator new activity --partnership don-vi-a-xa-chom --date 2024-05-10 --category mo-hinh-sinh-ke "
            "--title 'Trao bò giống'") in err


def test_a_mistyped_id_gets_the_nearest_id(record_tree):
    path = record_tree / "activities" / "2023" / "2023-05-10-tap-huan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("don-vi-b-huyen-tay-giang", "don-vi-b-huyen-tay-gang"),
                    encoding="utf-8")
    [finding] = [d for d in validate_tree(record_tree, TODAY).diagnostics if d.code == "REF_UNKNOWN"]
    assert "có phải 'don-vi-b-huyen-tay-giang'?" in finding.message and ".yaml" not in finding.message


def test_a_date_written_as_staff_write_it_gets_its_iso_form(record_tree):
    path = record_tree / "activities" / "2023" / "2023-05-10-tap-huan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('date: "2023-05-10"', 'date: "10/5/2023"'), encoding="utf-8")
    [finding] = [d for d in validate_tree(record_tree, TODAY).diagnostics if d.code == "SCHEMA_FORMAT"]
    assert finding.message.endswith('hãy ghi "2023-05-10"')
