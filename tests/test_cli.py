"""The command line: exit codes, output formats and path selection."""
from __future__ import annotations

import json
import subprocess
import sys

from generator.cli import main

from support import CASES, PROJECT, build_tree


def run(*args, cwd=PROJECT, env=None):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True,
                          text=True, env=env)


def test_shipped_records_validate():
    result = run("validate", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 lỗi, 0 cảnh báo" in result.stdout


def test_errors_exit_1_with_summary_before_the_list(tmp_path, capsys):
    records = build_tree(tmp_path, CASES / "invalid" / "amount-negative")
    assert main(["validate", str(records), "--today", "2026-11-26"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Đã kiểm tra") and "1 lỗi" in out[0]
    assert out[1].strip() == "AMOUNT_NEGATIVE: 1 lỗi"
    assert out[2].endswith("activities/2023/x.yaml:10:11: error[AMOUNT_NEGATIVE]: value.delivered.cash: tệp ghi -15000000: "
                           "số tiền, số lượng không được âm; ghi 0 nếu bằng không, bỏ trống nếu chưa báo cáo")


def test_warnings_pass_unless_strict(tmp_path):
    records = build_tree(tmp_path, CASES / "invalid" / "amount-implausible")
    assert main(["validate", str(records), "--today", "2026-11-26"]) == 0
    assert main(["validate", str(records), "--today", "2026-11-26", "--strict"]) == 1


def test_bad_usage_exits_2(tmp_path):
    assert run("validate", "--today", "hôm nay").returncode == 2
    assert run("validate", str(tmp_path / "khong-co")).returncode == 2
    assert run("validate", "--format", "xml").returncode == 2
    assert run().returncode == 2


def test_a_single_file_is_checked_against_the_whole_tree(tmp_path, capsys):
    records = build_tree(tmp_path, CASES / "invalid" / "ref-unknown-partnership")
    valid = records / "activities" / "2023" / "2023-05-10-tap-huan.yaml"
    assert main(["validate", str(valid), "--today", "2026-11-26"]) == 0
    assert "Đã kiểm tra 1 tệp: 0 lỗi" in capsys.readouterr().out
    assert main(["validate", str(records / "activities" / "2023" / "x.yaml"), "--today", "2026-11-26"]) == 1


def test_json_format(tmp_path, capsys):
    records = build_tree(tmp_path, CASES / "invalid" / "privacy-email")
    assert main(["validate", str(records), "--format", "json", "--today", "2026-11-26"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["errors"] == 1 and payload["warnings"] == 0
    [finding] = payload["diagnostics"]
    assert (finding["code"], finding["line"], finding["field"]) == ("PRIVACY_EMAIL", 18, "description")


def test_github_format_writes_annotations_and_step_summary(tmp_path, capsys, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    records = build_tree(tmp_path, CASES / "invalid" / "date-order-partnership")
    assert main(["validate", str(records), "--format", "github", "--today", "2026-11-26"]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("::error file=") and ",line=8,col=" in first and "title=DATE_ORDER::" in first
    assert "| DATE_ORDER |" in summary.read_text(encoding="utf-8")


def test_broken_files_never_raise_a_traceback(tmp_path):
    records = build_tree(tmp_path, *sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir()))
    result = run("validate", str(records), "--today", "2026-11-26")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr


def test_a_file_name_with_a_line_break_stays_on_its_finding_line(tmp_path, capsys):
    """Git allows line breaks in file names: none may start a line of CI output (where '::'
    is a workflow command)."""
    records = build_tree(tmp_path)
    original = next((records / "activities" / "2023").glob("*.yaml"))
    (records / "activities" / "2023" / "x\n::error file=README.md,line=1::duyet.yaml").write_bytes(original.read_bytes())
    assert main(["validate", str(records), "--today", "2026-11-26"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert not [line for line in lines if line.startswith("::")]
    assert any("x\\n::error" in line for line in lines)
