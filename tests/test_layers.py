"""One direction of imports: every module of the package imports only from its own layer or
those below it, and neither wing (the site, the import) imports the other.

The layers, bottom to top. A new module goes in the layer it belongs to; this test fails
until it is placed, and fails on any import that runs back up, lazy ones included.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

LAYERS: list[tuple[str, tuple[str, ...]]] = [
    # what every layer may use: dates, files, messages, the no-op translation marker, text folding
    ("ground", ("typed", "dates", "files", "diagnostics", "project", "parallel", "i18n", "folding")),
    ("record types", ("catalogue", "registry", "loader")),
    ("schemas and records", ("schema", "schema_shape", "records", "facts")),
    ("the ledger", ("canonical", "ledger")),
    ("rules", ("rules",)),
    ("checks", ("scaffold", "validate")),
    # the ledger resolved and indexed, its figures, addresses and formats: what both wings read
    ("view", ("view",)),
    # two wings side by side: neither imports the other
    ("wings", ("site", "intake")),
    # what people and MkDocs call: the command line, the build steps, the plugin
    ("doors", ("cli", "pipeline", "mkdocs_plugin", "__main__")),
]
WINGS = {"site", "intake"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def place(module: str) -> tuple[int, str]:
    """(layer number, top part) of generator.<top>…; the package itself is below everything."""
    parts = module.split(".")
    if len(parts) == 1:
        return -1, ""
    for number, (_, tops) in enumerate(LAYERS):
        if parts[1] in tops:
            return number, parts[1]
    raise LookupError(module)


def imports_of(path: Path) -> list[tuple[str, int]]:
    """(module imported, line) for every import of the package in a file, at any depth."""
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] + ([node.module] if node.module else [])
                target = ".".join(base)
            else:
                target = node.module or ""
            if target == "generator" or target.startswith("generator."):
                found += [(f"{target}.{alias.name}" if target.count(".") == 0 else target, node.lineno)
                          for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names if alias.name.startswith("generator")]
    return found


def wrong_way(source: str, target: str) -> str | None:
    """Why `source` may not import `target`, or None when it may."""
    (here, wing), (there, other) = place(source), place(target)
    if there > here:
        return f"runs back up from {LAYERS[here][0]} to {LAYERS[there][0]}"
    if there == here and wing in WINGS and other in WINGS and wing != other:
        return f"crosses from the {wing} wing to the {other} wing"
    return None


def test_every_module_has_a_layer():
    unplaced = []
    for path in PACKAGE.rglob("*.py"):
        try:
            place(module_name(path))
        except LookupError:
            unplaced.append(module_name(path))
    assert not unplaced, f"add these to LAYERS in tests/test_layers.py: {sorted(unplaced)}"


def test_no_import_runs_back_up_or_across():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = module_name(path)
        for target, line in imports_of(path):
            if why := wrong_way(source, target):
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}: {why}")
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_an_upward_and_a_crossing_import():
    assert wrong_way("generator.registry", "generator.site.pages.home")
    assert wrong_way("generator.view.model", "generator.pipeline")
    assert wrong_way("generator.intake.report", "generator.site.pages.sponsors")
    assert wrong_way("generator.site.render", "generator.intake.workbooks")
    assert wrong_way("generator.pipeline", "generator.intake.workbooks") is None
    assert wrong_way("generator.site.pages.home", "generator.view.scopes") is None


def test_lazy_and_relative_imports_are_read(tmp_path, monkeypatch):
    fake = tmp_path / "generator"
    (fake / "view").mkdir(parents=True)
    (fake / "view" / "model.py").write_text("def f():\n    from ..site.pages import home\n")
    monkeypatch.setattr(f"{__name__}.PACKAGE", fake)
    assert imports_of(fake / "view" / "model.py") == [("generator.site.pages", 2)]
