"""GitHub workflows, pre-commit and annotations: linted, pinned, least privilege.

actionlint and zizmor are test dependencies. Outside CI a missing tool skips
its test; in CI (CI=true) it fails, so a green CI always means "linted".
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostic, github_annotation
from generator.loader import load_bytes

PROJECT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def _tool(name: str) -> str:
    """The tool next to this Python (the venv) or on PATH; skip locally, fail in CI."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found:
        return found
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{name} không có trong môi trường CI: thêm nó vào phần phụ thuộc kiểm thử")
    pytest.skip(f"{name} chưa được cài (pip install -e '.[test]')")


def _load(path: Path) -> dict:
    return load_bytes(path.read_bytes(), str(path)).data


def _uses_lines(path: Path) -> list[str]:
    return [line.split("uses:", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip().lstrip("- ").startswith("uses:")]


def test_there_is_a_workflow():
    assert WORKFLOWS


def test_actionlint_finds_nothing():
    result = subprocess.run([_tool("actionlint"), "-no-color", *map(str, WORKFLOWS)],
                            capture_output=True, text=True, cwd=PROJECT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing():
    result = subprocess.run(
        [_tool("zizmor"), "--offline", "--pedantic", "--no-progress", "--color=never", ".github/workflows"],
        capture_output=True, text=True, cwd=PROJECT, timeout=120,
        env={k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN")},
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    uses = _uses_lines(path)
    assert uses
    for line in uses:
        assert PINNED.match(line), f"{path.name}: '{line}' phải ghim bằng mã commit 40 ký tự kèm chú thích # vX.Y.Z"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege(path):
    workflow = _load(path)
    assert "pull_request_target" not in workflow["on"]
    assert workflow.get("permissions") in ({}, {"contents": "read"})
    assert "concurrency" in workflow
    for name, job in workflow["jobs"].items():
        assert "timeout-minutes" in job, name
        granted = job.get("permissions", {})
        writes = {k for k, v in granted.items() if v == "write"}
        if "contents" in writes and set(workflow["on"]) == {"issues"}:
            # The issue route: a pull request opened only once a maintainer's label approved it.
            assert "needs.plan.outputs.approved == 'true'" in job["if"], name
            writes -= {"contents", "pull-requests"}
        if "contents" in writes:
            # Writing records back: only when a maintainer starts it, never on main, never from
            # an event a fork can cause.
            assert set(workflow["on"]) == {"workflow_dispatch"}, name
            assert "refs/heads/main" in job["if"] and "!=" in job["if"], name
            writes -= {"contents"}
        if set(workflow["on"]) == {"issues"}:
            writes -= {"issues"}  # the answer on the issue
        assert writes <= {"pages", "id-token"}, name
        if writes:
            assert job.get("if"), f"{name}: chỉ chạy khi push lên main"
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name


def test_each_change_runs_once_and_workbooks_are_planned():
    workflow = _load(PROJECT / ".github" / "workflows" / "ci.yml")
    # A same-repository pull request is not run again by its push: push runs on main only.
    assert workflow["on"]["push"] == {"branches": ["main"]}
    validate = workflow["jobs"]["validate"]
    runs = [str(step.get("run", "")) for step in validate["steps"]]
    assert "python -m generator import imports --check --format github" in runs
    assert not any("--write" in run for run in runs)


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_ci_validates_tests_builds_and_deploys():
    workflow = _load(PROJECT / ".github" / "workflows" / "ci.yml")
    runs = " ".join(str(step.get("run", "")) for step in _steps(workflow))
    uses = " ".join(str(step.get("uses", "")) for step in _steps(workflow))
    assert {"pull_request", "push"} <= set(workflow["on"])
    assert "python -m generator validate --format github" in runs
    assert "python -m generator format --check" in runs
    assert "make test" in runs
    assert "python -m generator build" in runs
    assert "scripts/compare_builds.py --with properdocs" in runs  # ProperDocs' pages equal MkDocs'
    for action in ("actions/upload-artifact@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert action in uses
    for step in _steps(workflow):
        if str(step.get("uses", "")).startswith("actions/setup-python@"):
            assert step["with"]["cache"] == "pip"
            assert step["with"]["cache-dependency-path"] == "pyproject.toml"


def test_pre_commit_validates_staged_records():
    config = _load(PROJECT / ".pre-commit-config.yaml")
    hooks = {hook["id"]: hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]}
    validate = hooks["validate-records"]
    # Not a bare `python`: outside an activated environment that is the system's, without the tool.
    assert not validate["entry"].startswith("python ") and "-m generator validate" in validate["entry"]
    assert validate["language"] in ("system", "python")
    assert re.match(validate["files"], "records/activities/2024/2024-05-10-x.yaml")
    assert not re.match(validate["files"], "docs/index.md")
    assert validate.get("pass_filenames", True)


def test_pre_commit_hooks_run_without_an_activated_environment():
    config = _load(PROJECT / ".pre-commit-config.yaml")
    hooks = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    environment = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp")}
    for hook in hooks:
        ran = subprocess.run([*shlex.split(hook["entry"]), "records/vocabularies/support-categories.yaml"],
                             cwd=PROJECT, env=environment, capture_output=True, text=True)
        assert ran.returncode == 0, hook["id"] + ran.stdout + ran.stderr


# --- GitHub annotations ------------------------------------------------------------------------


def test_annotation_escapes_message_and_properties():
    diagnostic = Diagnostic("records/a:b,c.yaml", 3, 7, "error", "SCHEMA_TYPE", "value.planned.cash",
                            "tệp ghi 50%\ndòng hai\r")
    assert github_annotation(diagnostic) == (
        "::error file=records/a%3Ab%2Cc.yaml,line=3,col=7,title=SCHEMA_TYPE::"
        "value.planned.cash: tệp ghi 50%25%0Adòng hai%0D"
    )


def test_warning_annotation_has_one_line():
    diagnostic = Diagnostic("records/x.yaml", 1, 1, "warning", "AMOUNT_IMPLAUSIBLE", "", "a\nb: c, d")
    line = github_annotation(diagnostic)
    assert line.startswith("::warning file=records/x.yaml,line=1,col=1,title=AMOUNT_IMPLAUSIBLE::")
    assert "\n" not in line and line.endswith("::a%0Ab: c, d")


def test_github_format_writes_the_job_summary(tmp_path, monkeypatch):
    from generator.diagnostics import format_github

    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    diagnostic = Diagnostic("records/x|y.yaml", 2, 1, "error", "SCHEMA_ENUM", "category", "mã <b> sai")
    output = format_github([diagnostic], 1)
    assert output.splitlines()[0].startswith("::error file=records/x|y.yaml,line=2")
    text = summary.read_text(encoding="utf-8")
    assert "| ` records/x│y.yaml ` | 2 |" in text and "| ` category: mã <b> sai ` |" in text


def test_the_job_summary_renders_record_text_as_code(tmp_path, monkeypatch):
    # In a code span Markdown reads no image, link or HTML; a pipe cannot end the cell.
    from generator.diagnostics import step_summary

    hostile = "javascript:![Đã duyệt ✅](https://evil.example/ok.png) ``a`` \\| x"
    text = step_summary([Diagnostic("records/x.yaml", 2, 1, "error", "URL_SCHEME", "url", hostile)], 1)
    row = text.splitlines()[-1]
    assert row == "| ` records/x.yaml ` | 2 | error | URL_SCHEME | ``` url: " + hostile.replace("|", "│") + " ``` |"


def test_record_text_never_reads_as_a_workflow_command():
    line = Diagnostic("records/x.yaml", 2, 1, "error", "X", "", "tệp ghi '##[error]Đã duyệt' ::add-mask::a").text()
    assert "##[" not in line and not line.startswith("::")


# --- templates for people ----------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted((PROJECT / ".github" / "ISSUE_TEMPLATE").glob("*.yml")), ids=lambda p: p.name)
def test_issue_forms_are_well_formed(path):
    form = _load(path)
    if path.name == "config.yml":
        assert form["blank_issues_enabled"] is False
        return
    assert form["name"] and form["description"]
    ids = [item["id"] for item in form["body"] if item["type"] != "markdown"]
    assert len(ids) == len(set(ids))
    for item in form["body"]:
        assert item["type"] in ("markdown", "input", "textarea", "dropdown", "checkboxes")
        assert item["attributes"].get("label") or item["type"] == "markdown"


def test_pull_request_checklist_covers_sources_money_and_personal_data():
    text = (PROJECT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for needle in ("nguồn công khai", "số nguyên đồng", "CCCD", "số điện thoại", "dân tộc", "91/2025/QH15", "356/2025/NĐ-CP"):
        assert needle in text
    assert text.count("- [ ]") >= 5


def test_codeowners_cover_records():
    lines = (PROJECT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    rules = [line.split() for line in lines if line.strip() and not line.startswith("#")]
    assert any(rule[0] == "/records/" and len(rule) > 1 for rule in rules)


def test_staff_guide_is_plain_markdown():
    text = (PROJECT / "docs" / "huong-dan-dong-gop.md").read_text(encoding="utf-8")
    outside_code = re.sub(r"```.*?```", "", text, flags=re.S)
    outside_code = re.sub(r"`[^`]*`", "", outside_code)
    assert not re.search(r"<[a-zA-Z!/]", outside_code), "trang hướng dẫn không dùng HTML"
    for needle in ("91/2025/QH15", "356/2025/NĐ-CP", "tệp:dòng:cột: mức[MÃ]: trường: lời nhắn"):
        assert needle in text


def test_the_job_that_writes_runs_no_code_of_the_branch():
    """Writing records back: the branch's code (install, import, validate) runs in a job that can
    only read; the job holding the write token installs nothing, runs no Python and no git hook."""
    workflow = _load(PROJECT / ".github" / "workflows" / "nhap-bang-tinh.yml")
    writers = {name: job for name, job in workflow["jobs"].items()
               if job.get("permissions", {}).get("contents") == "write"}
    assert len(writers) == 1
    [(name, job)] = writers.items()
    assert job.get("needs"), name
    for step in job["steps"]:
        script = str(step.get("run", ""))
        assert "pip" not in script and "python" not in script and "generator" not in script, step
        if "git commit" in script or " commit " in script:
            assert "core.hooksPath=/dev/null commit" in script
    readers = [j for j in workflow["jobs"].values() if j.get("permissions", {}).get("contents") == "read"]
    assert any("generator import" in str(s.get("run", "")) for j in readers for s in j["steps"])


# --- the issue route (gui-qua-bieu-mau.yml) ------------------------------------------------------

ISSUE_ROUTE = PROJECT / ".github" / "workflows" / "gui-qua-bieu-mau.yml"
FORMS = PROJECT / ".github" / "ISSUE_TEMPLATE"


def test_the_issue_route_plans_with_the_tool_of_main_and_reads_only():
    workflow = _load(ISSUE_ROUTE)
    assert set(workflow["on"]) == {"issues"}
    assert set(workflow["on"]["issues"]["types"]) == {"opened", "edited", "labeled"}
    plan = workflow["jobs"]["plan"]
    assert plan["permissions"] == {"contents": "read"}
    runs = [str(step.get("run", "")) for step in plan["steps"]]
    assert 'python -m generator issue "$GITHUB_EVENT_PATH" --out "$RUNNER_TEMP/tra-loi"' in runs
    # Every checkout is of the default branch: nothing the sender chose is ever checked out.
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["ref"] == "${{ github.event.repository.default_branch }}"


def test_no_text_of_the_issue_reaches_a_script():
    """Titles, bodies and comments only ever reach the tool as the event file it reads: no
    expression names them, no script holds an expression, no environment variable carries one."""
    text = ISSUE_ROUTE.read_text(encoding="utf-8")
    assert not re.search(r"github\.event\.(issue\.(title|body|user)|comment)|head_ref", text)
    workflow = _load(ISSUE_ROUTE)
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            assert "${{" not in str(step.get("run", "")), step
            for value in (step.get("env") or {}).values():
                # The issue's number is a number (and the script checks it is digits only).
                assert "label" not in str(value), value
                assert "event.issue" not in str(value) or value == "${{ github.event.issue.number }}", value


def test_the_jobs_that_write_run_nothing_sent():
    """The pull-request job (contents, pull-requests) and the comment job (issues) install
    nothing, run no Python and no tool, no git hook: they copy files and call gh and git."""
    workflow = _load(ISSUE_ROUTE)
    writers = {name: job for name, job in workflow["jobs"].items()
               if any(v == "write" for v in job.get("permissions", {}).values())}
    assert set(writers) == {"pull-request", "comment"}
    assert writers["comment"]["permissions"] == {"issues": "write"}
    assert writers["pull-request"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    for name, job in writers.items():
        assert "plan" in job["needs"], name
        for step in job["steps"]:
            uses = str(step.get("uses", ""))
            assert not uses or uses.startswith(("actions/checkout@", "actions/download-artifact@")), (name, uses)
            script = str(step.get("run", ""))
            found = re.search(r"\b(pip3?|python3?|generator|make|npm|bash|sh|source|eval|exec)\b|\./|\$\(cat", script)
            assert not found, (name, found)
            if "commit" in script:
                assert "core.hooksPath=/dev/null commit" in script
            if "push" in script:
                assert "core.hooksPath=/dev/null push" in script
    # What the writers use is data the read-only job left: the records and the two texts.
    text = ISSUE_ROUTE.read_text(encoding="utf-8")
    assert "--body-file" in text and "--body " not in text


def test_the_labels_of_the_route_are_those_of_the_forms_and_the_tool():
    from generator.intake.issue_reply import APPROVED

    workflow = _load(ISSUE_ROUTE)
    condition = workflow["jobs"]["plan"]["if"]
    assert f"github.event.label.name == '{APPROVED}'" in condition
    assert "needs.plan.outputs.approved == 'true'" in workflow["jobs"]["pull-request"]["if"]
    assert f"--remove-label {APPROVED}" in workflow["jobs"]["comment"]["steps"][-1]["run"]
    for form in ("gui-bang-tinh.yml", "bao-hoat-dong.yml"):
        [label] = _load(FORMS / form)["labels"]
        assert f"contains(github.event.issue.labels.*.name, '{label}')" in condition


def _push_script() -> str:
    """The writing job's script, without its last line (the push to GitHub)."""
    workflow = _load(PROJECT / ".github" / "workflows" / "nhap-bang-tinh.yml")
    [script] = [str(s["run"]) for s in workflow["jobs"]["push"]["steps"] if "git add" in str(s.get("run", ""))]
    lines = script.rstrip("\n").splitlines()
    assert " push " in lines[-1]
    return "\n".join(lines[:-1]) + "\n"


def _branch(tmp_path: Path) -> Path:
    """A checkout of the branch: one record and one workbook committed."""
    checkout = tmp_path / "nhanh"
    (checkout / "records" / "activities" / "2024").mkdir(parents=True)
    (checkout / "records" / "activities" / "2024" / "cu.yaml").write_text("id: cu\n", encoding="utf-8")
    (checkout / "imports").mkdir()
    (checkout / "imports" / "bang.xlsx").write_bytes(b"PK")
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "0"]):
        subprocess.run(["git", *command], cwd=checkout, check=True, capture_output=True)
    return checkout


def _push(checkout: Path, artifact: Path, listed: str) -> subprocess.CompletedProcess:
    (artifact / "danh-sach.txt").write_text(listed, encoding="utf-8")
    env = {"PATH": os.environ["PATH"], "HOME": str(checkout.parent), "RECORDS_IN": str(artifact), "IMPORT_STATUS": "0",
           "GITHUB_TOKEN": "x", "GITHUB_REPOSITORY": "o/r", "GITHUB_REF_NAME": "nhanh"}
    return subprocess.run(["bash", "-e", "-c", _push_script()], cwd=checkout, env=env, capture_output=True, text=True,
                          timeout=60)


def _committed(checkout: Path) -> list[str]:
    shown = subprocess.run(["git", "show", "--name-status", "--format=", "HEAD"], cwd=checkout, check=True,
                           capture_output=True, text=True).stdout
    return sorted(shown.split("\n")[:-1])


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("git") is None, reason="bash and git as on the runner")
def test_the_writing_job_commits_only_the_planned_paths(tmp_path):
    checkout = _branch(tmp_path)
    artifact = tmp_path / "ho-so"
    (artifact / "records" / "activities" / "2024").mkdir(parents=True)
    (artifact / "records" / "activities" / "2024" / "moi.yaml").write_text("id: moi\n", encoding="utf-8")
    # What the branch's code also left in records/, unplanned: an edit and a new file.
    (artifact / "records" / "activities" / "2024" / "cu.yaml").write_text("id: doi\n", encoding="utf-8")
    (artifact / "records" / "activities" / "2024" / "la.yaml").write_text("id: la\n", encoding="utf-8")
    result = _push(checkout, artifact, "records/activities/2024/moi.yaml\n")
    assert result.returncode == 0, result.stderr
    assert _committed(checkout) == ["A\trecords/activities/2024/moi.yaml", "D\timports/bang.xlsx"]


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("git") is None, reason="bash and git as on the runner")
@pytest.mark.parametrize("listed", [
    "records/../.github/workflows/x.yaml", "/etc/x.yaml", ".github/workflows/x.yml", "records/a/../../x.yaml",
    "records/activities/2024/moi.yaml\nREADME.md", "records/activities/2024/Moi.YAML", " records/x.yaml",
    "records/lien-ket/x.yaml",
])
def test_the_writing_job_refuses_a_path_outside_records(tmp_path, listed):
    checkout = _branch(tmp_path)
    (checkout / "records" / "lien-ket").symlink_to(checkout / ".git", target_is_directory=True)
    artifact = tmp_path / "ho-so"
    (artifact / "records" / "activities" / "2024").mkdir(parents=True)
    (artifact / "records" / "activities" / "2024" / "moi.yaml").write_text("id: moi\n", encoding="utf-8")
    (artifact / "records" / "lien-ket").mkdir()
    (artifact / "records" / "lien-ket" / "x.yaml").write_text("x\n", encoding="utf-8")
    result = _push(checkout, artifact, listed + "\n")
    assert result.returncode != 0 and "không ghi gì" in result.stderr
    assert _committed(checkout) == ["A\timports/bang.xlsx", "A\trecords/activities/2024/cu.yaml"]
    assert not (checkout / ".git" / "x.yaml").exists()


def test_the_tests_run_on_the_oldest_and_the_newest_supported_python():
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    oldest = project["requires-python"].removeprefix(">=")
    supported = [c.rsplit(" :: ", 1)[1] for c in project["classifiers"] if c.startswith("Programming Language :: Python :: 3.")]
    assert supported[0] == oldest
    test = _load(PROJECT / ".github" / "workflows" / "ci.yml")["jobs"]["test"]
    assert test["strategy"]["matrix"]["python"] == [oldest, supported[-1]]
    setup = [s for s in test["steps"] if str(s.get("uses", "")).startswith("actions/setup-python@")]
    assert setup[0]["with"]["python-version"] == "${{ matrix.python }}"
