"""Canonical form of a record: one key order, one style, comments kept.

`python -m generator format [--check] [PATHS]`

- Keys follow the schema's `properties` order, recursively (through `$ref`).
  Keys the schema does not know stay after the known ones, in their order:
  the validator reports them, the formatter does not hide them.
- Style: 2-space indent; list dashes at the column of their key; strings plain
  unless YAML needs quotes, then double quotes (what the schema descriptions
  and the validator's messages tell staff to type); dates always in double
  quotes; text with line breaks as a `|` block; no line wrapping, since a
  continuation line that a staff member edits can silently change the value.
- The first line is the editor modeline pointing at the record's schema.

Values are taken from the strict loader (`generator.loader`), not from
ruamel.yaml's own resolver, so `0123` or `NO` stay the strings they were.
Every result is loaded again with the strict loader and must give the same
data, or the file is left alone.
"""
from __future__ import annotations

import argparse
import difflib
import io
import sys
from pathlib import Path

import yaml as yaml11
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from .diagnostics import ERROR, Diagnostic, github_annotation, github_untrusted
from .loader import LoadError, load_bytes
from .records import RECORD_TYPES, display_path, find_records_root
from .schema import SCHEMA_DIR, SchemaSet

MODELINE_PREFIX = "# yaml-language-server: $schema="
_DATE_FORMATS = ("date", "partial-date")


class FormatError(Exception):
    """A file that cannot be put in canonical form; the message says why, in Vietnamese."""


# --- schema: key order and date fields ------------------------------------------------------


class SchemaShape:
    """The parts of a schema that the canonical form follows: key order and date fields."""

    def __init__(self, schemas: SchemaSet | None = None):
        self.raw = (schemas or SchemaSet()).raw

    def resolve(self, node: dict, base: str) -> tuple[dict, str]:
        """Follow `$ref` (within a file or to common.schema.json) to the node that holds keywords."""
        for _ in range(10):
            ref = node.get("$ref")
            if not ref:
                break
            target, _, pointer = ref.partition("#")
            base = target or base
            node = self.raw[base]
            for part in filter(None, pointer.split("/")):
                node = node[part]
        return node, base

    def root(self, record_type: str) -> tuple[dict, str]:
        name = f"{record_type}.schema.json"
        return self.raw[name], name

    def child(self, node: dict, base: str, key) -> tuple[dict, str] | None:
        """Schema of a mapping's key or a list's item, or None when the schema says nothing."""
        node, base = self.resolve(node, base)
        if isinstance(key, int):
            items = node.get("items")
            return self.resolve(items, base) if isinstance(items, dict) else None
        prop = node.get("properties", {}).get(key)
        return self.resolve(prop, base) if isinstance(prop, dict) else None

    def key_order(self, node: dict, base: str) -> list[str]:
        node, base = self.resolve(node, base)
        return list(node.get("properties", {}))

    @staticmethod
    def is_date(node: dict | None) -> bool:
        return bool(node) and node[0].get("format") in _DATE_FORMATS


# --- building the canonical tree -------------------------------------------------------------


_YAML11 = yaml11.resolver.Resolver()


def _read_otherwise_by_yaml11(value: str) -> bool:
    # `NO`, `12:30` or `1e3` are text for our loader but not for YAML 1.1 readers (PyYAML…):
    # quoting them keeps the open data the same in every tool.
    return _YAML11.resolve(yaml11.ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str"


def _scalar(value, schema) -> object:
    """The strict loader's value, in the style the canonical form writes it."""
    if isinstance(value, str):
        if SchemaShape.is_date(schema) or _read_otherwise_by_yaml11(value):
            return DoubleQuotedScalarString(value)
        if "\n" in value:
            return LiteralScalarString(value)
    return value


def rebuild(node, value, shape: SchemaShape, schema):
    """Put the strict loader's `value` into ruamel's `node` (which keeps the comments), in key order."""
    if isinstance(value, dict):
        if not isinstance(node, CommentedMap):
            node = CommentedMap()
        node.fa.set_block_style()
        for key in [k for k in node if k not in value]:
            del node[key]  # ruamel read `1:` or `true:` as non-text keys; our loader keeps text
        for key, item in value.items():
            child = shape.child(*schema, key) if schema else None
            _put(node, key, rebuild(node.get(key), item, shape, child))
        if schema:
            _reorder(node, shape.key_order(*schema))
        return node
    if isinstance(value, list):
        if not isinstance(node, CommentedSeq):
            node = CommentedSeq()
        node.fa.set_block_style()
        child = shape.child(*schema, 0) if schema else None
        del node[len(value):]
        for i, item in enumerate(value):
            new = rebuild(node[i] if i < len(node) else None, item, shape, child)
            if i < len(node):
                _put(node, i, new)
            else:
                node.append(new)
        return node
    return _scalar(value, schema)


def _put(node, key, value) -> None:
    # ruamel keeps the old scalar's style (">-", quotes) when a plain str replaces it;
    # passing through None drops that style, and the comments stay under the key.
    node[key] = None
    node[key] = value


def _reorder(node: CommentedMap, order: list[str]) -> None:
    # Comments live in node.ca.items under their key, so they move with it.
    known = [k for k in order if k in node]
    unknown = [k for k in node if k not in order]
    for key in known + unknown:
        node.move_to_end(key)


class _Emitter(RoundTripEmitter):
    """Double quotes wherever YAML needs quotes, as the staff guides and messages say."""

    def choose_scalar_style(self):
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def make_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Emitter = _Emitter
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.width = 100_000  # never wrap a value onto a continuation line
    yaml.allow_unicode = True
    yaml.preserve_quotes = False
    return yaml


# --- files -----------------------------------------------------------------------------------


def record_type_of(path: Path) -> tuple[str | None, int]:
    """Record type from the folder (records/<folder>/…) and the depth below records/."""
    root = find_records_root(path)
    try:
        parts = path.resolve().relative_to(root).parts
    except ValueError:
        return None, 0
    if len(parts) < 2:
        return None, 0
    return RECORD_TYPES.get(parts[0]), len(parts) - 1


def modeline(record_type: str, depth: int) -> str:
    """`depth` folders below records/: records/documents/x.yaml has depth 1."""
    return f"{MODELINE_PREFIX}{'../' * (depth + 1)}schemas/{record_type}.schema.json"


def _split_modeline(text: str) -> str:
    first, _, rest = text.partition("\n")
    return rest if first.startswith("# yaml-language-server:") else text


def canonical_text(text: str, record_type: str | None, depth: int = 1, shape: SchemaShape | None = None,
                   file: str = "<text>") -> str:
    """The canonical form of a record's text; raises FormatError."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    try:
        data = load_bytes(text.encode("utf-8"), file).data
    except LoadError as error:
        raise FormatError(f"{error.line}:{error.col}: {error.message} (hãy sửa lỗi này trước: python -m generator validate)") from None
    yaml = make_yaml()
    try:
        tree = yaml.load(_split_modeline(text))
    except YAMLError as error:
        raise FormatError(f"không đọc được tệp YAML ({error})") from None
    shape = shape or SchemaShape()
    schema = shape.root(record_type) if record_type else None
    tree = rebuild(tree, data, shape, schema)
    out = io.StringIO()
    yaml.dump(tree, out)
    result = out.getvalue()
    if record_type:
        result = f"{modeline(record_type, depth)}\n{result}"
    if load_bytes(result.encode("utf-8"), file).data != data:
        raise FormatError("dạng chuẩn làm đổi dữ liệu; tệp được giữ nguyên, hãy báo cho nhóm kỹ thuật")
    return result


def format_file(path: Path, shape: SchemaShape) -> tuple[str, str]:
    """(current text, canonical text) of one file; raises FormatError."""
    if path.is_symlink():
        # Reading would echo another file in the diff; writing would change it.
        raise FormatError("tệp là một liên kết (symlink), không được đọc hay sửa: hãy thay bằng một tệp thật")
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FormatError(f"không đọc được tệp ({error})") from None
    record_type, depth = record_type_of(path)
    return text, canonical_text(text, record_type, depth, shape, display_path(path))


def yaml_files(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.yaml") if not any(part.startswith(".") for part in p.parts))
        else:
            found.append(path)
    return found


# --- command ---------------------------------------------------------------------------------

_PROJECT = SCHEMA_DIR.parent


def _diff(name: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(True), after.splitlines(True), f"{name} (hiện tại)", f"{name} (dạng chuẩn)")
    return "".join(lines)


def _report(name: str, message: str, as_github: bool) -> None:
    if as_github:
        print(github_annotation(Diagnostic(name, 1, 1, ERROR, "FORMAT", "", message)))
    else:
        print(f"{name}: {message}")


def run_format(args) -> int:
    paths = [Path(p) for p in args.paths] or [_PROJECT / "records"]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"Không tìm thấy: {', '.join(missing)}", file=sys.stderr)
        return 2
    shape, changed, broken = SchemaShape(), [], []
    for path in yaml_files(paths):
        name = display_path(path)
        try:
            before, after = format_file(path, shape)
        except FormatError as error:
            broken.append(name)
            _report(name, f"không định dạng được: {error}", args.format == "github")
            continue
        if before == after:
            continue
        changed.append(name)
        if args.check:
            _report(name, "chưa ở dạng chuẩn (thứ tự trường, thụt lề, dấu ngoặc kép)", args.format == "github")
            if args.diff:
                diff = _diff(name, before, after)
                sys.stdout.write(github_untrusted(diff) if args.format == "github" else diff)
        else:
            path.write_text(after, encoding="utf-8", newline="\n")
            print(f"Đã định dạng lại {name}")
    return _summary(args.check, changed, broken)


def _summary(check: bool, changed: list, broken: list) -> int:
    if check and changed:
        print(f"{len(changed)} tệp chưa ở dạng chuẩn. Cách sửa: chạy `python -m generator format` "
              "rồi commit lại, hoặc sửa tay theo phần khác biệt ở trên.")
    elif not changed and not broken:
        print("Mọi tệp đã ở dạng chuẩn.")
    return 1 if broken or (check and changed) else 0


def add_commands(commands) -> None:
    command = commands.add_parser("format", help="đưa hồ sơ về dạng chuẩn (thứ tự trường, thụt lề, dấu ngoặc)")
    command.add_argument("paths", nargs="*", help="tệp hoặc thư mục (mặc định: records/)")
    command.add_argument("--check", action="store_true", help="chỉ kiểm tra, không sửa tệp; mã thoát 1 nếu có tệp cần sửa")
    command.add_argument("--diff", action=argparse.BooleanOptionalAction, default=True, help="khi --check: in phần khác biệt (mặc định có)")
    command.add_argument("--format", choices=("text", "github"), default="text", help="github: in chú thích cho GitHub Actions")
    command.set_defaults(run=run_format)

