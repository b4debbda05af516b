"""Diagnostics: what the validator reports, and how it is printed."""
from __future__ import annotations

import json
import os
import re
import secrets
from collections import Counter
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"

FieldPath = tuple[str | int, ...]  # a value's place in a record: keys and list indexes from the root


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding, pointing at the place a staff member must fix."""

    file: str
    line: int
    col: int
    severity: str
    code: str
    field: str
    message: str

    def text(self) -> str:
        field = f"{self.field}: " if self.field else ""
        return inert(f"{self.file}:{self.line}:{self.col}: {self.severity}[{self.code}]: {field}{self.message}")


def inert(line: str) -> str:
    """A line holding record text, made inert for a CI runner. One finding, one line: a line
    break in a value or in a file name (git allows them) would start a line of its own, where
    '::' is a workflow command. And GitHub's runner reads '##[' anywhere in a line."""
    return line.replace("\r", "\\r").replace("\n", "\\n").replace("##[", "#\\#[")


def github_untrusted(text: str) -> str:
    """Record text printed whole (a diff) in a GitHub Actions log: between stop-commands
    markers with an unguessable token, the runner reads no line of it as a command."""
    token = secrets.token_hex(16)
    return f"::stop-commands::{token}\n{text.rstrip(chr(10))}\n::{token}::\n"


def field_path(path: FieldPath) -> str:
    """('sources', 0, 'url') -> 'sources[0].url'"""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def count_errors(diagnostics: list[Diagnostic]) -> int:
    return sum(1 for d in diagnostics if d.severity == ERROR)


def summary_lines(diagnostics: list[Diagnostic], files: int) -> list[str]:
    """Counts by severity and by rule, printed before the list."""
    by_severity = Counter(d.severity for d in diagnostics)
    by_code = Counter((d.severity, d.code) for d in diagnostics)
    lines = [
        f"Đã kiểm tra {files} tệp: {by_severity[ERROR]} lỗi, {by_severity[WARNING]} cảnh báo."
    ]
    for (severity, code), n in sorted(by_code.items()):
        label = "lỗi" if severity == ERROR else "cảnh báo"
        lines.append(f"  {code}: {n} {label}")
    return lines


def format_text(diagnostics: list[Diagnostic], files: int) -> str:
    lines = summary_lines(diagnostics, files)
    lines.extend(d.text() for d in sorted(diagnostics))
    return "\n".join(lines) + "\n"


def format_json(diagnostics: list[Diagnostic], files: int) -> str:
    by_severity = Counter(d.severity for d in diagnostics)
    payload = {
        "files": files,
        "errors": by_severity[ERROR],
        "warnings": by_severity[WARNING],
        "diagnostics": [asdict(d) for d in sorted(diagnostics)],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    # GitHub workflow commands: the message part escapes %, CR and LF.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    # Property values also escape the separators ':' and ','.
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotation(d: Diagnostic) -> str:
    level = "error" if d.severity == ERROR else "warning"
    title = _escape_property(f"{d.code}")
    field = f"{d.field}: " if d.field else ""
    return (
        f"::{level} file={_escape_property(d.file)},line={d.line},col={d.col},"
        f"title={title}::{_escape_data(field + d.message)}"
    )


def markdown_cell(text: str) -> str:
    """A table cell holding record text as a code span: in one, Markdown reads no link,
    image, HTML, mention or autolink. A pipe would end the cell (even a backslashed one can,
    after a backslash), so it becomes the look-alike '│'; the fence outlasts any backticks."""
    text = text.replace("\r", " ").replace("\n", " ").replace("|", "│")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"


def step_summary(diagnostics: list[Diagnostic], files: int) -> str:
    lines = ["## Kiểm tra hồ sơ", ""]
    lines.extend(f"- {line.strip()}" for line in summary_lines(diagnostics, files))
    if diagnostics:
        lines += ["", "| Tệp | Dòng | Mức | Mã | Nội dung |", "|---|---|---|---|---|"]
        for d in sorted(diagnostics):
            message = f"{d.field}: {d.message}" if d.field else d.message
            lines.append(
                f"| {markdown_cell(d.file)} | {d.line} | {d.severity} | {d.code} | {markdown_cell(message)} |"
            )
    return "\n".join(lines) + "\n"


def format_github(diagnostics: list[Diagnostic], files: int) -> str:
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as handle:
            handle.write(step_summary(diagnostics, files))
    lines = [github_annotation(d) for d in sorted(diagnostics)]
    lines.extend(summary_lines(diagnostics, files))
    return "\n".join(lines) + "\n"


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
