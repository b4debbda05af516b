"""Canonical form of a record: one key order, one style, comments kept.

`ketnghia format [--check] [PATHS]` (generator/cli/format.py)

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

import io
from pathlib import Path
from typing import Any

import yaml as yaml11
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from .loader import LoadError, load_bytes
from .records import display_path, find_records_root
from .registry import BY_FOLDER
from .schema_shape import SchemaAt, SchemaShape

MODELINE_PREFIX = "# yaml-language-server: $schema="


class FormatError(Exception):
    """A file that cannot be put in canonical form; the message says why, in Vietnamese."""


# --- building the canonical tree -------------------------------------------------------------


_YAML11 = yaml11.resolver.Resolver()


def _read_otherwise_by_yaml11(value: str) -> bool:
    # `NO`, `12:30` or `1e3` are text for our loader but not for YAML 1.1 readers (PyYAML…):
    # quoting them keeps the open data the same in every tool.
    return _YAML11.resolve(yaml11.ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str"


def _scalar(value: Any, schema: SchemaAt | None) -> object:
    """The strict loader's value, in the style the canonical form writes it."""
    if isinstance(value, str):
        if SchemaShape.is_date(schema) or _read_otherwise_by_yaml11(value):
            return DoubleQuotedScalarString(value)
        if "\n" in value:
            return LiteralScalarString(value)
    return value


def rebuild(node: Any, value: Any, shape: SchemaShape, schema: SchemaAt | None) -> Any:
    """Put the strict loader's `value` into ruamel's `node` (which keeps the comments), in key order."""
    if isinstance(value, dict):
        if not isinstance(node, CommentedMap):
            node = CommentedMap()
        node.fa.set_block_style()
        for key in [k for k in node if k not in value]:
            del node[key]  # ruamel read `1:` or `true:` as non-text keys; our loader keeps text
        for key, item in value.items():
            child = shape.child(schema, key) if schema else None
            _put(node, key, rebuild(node.get(key), item, shape, child))
        if schema:
            _reorder(node, shape.key_order(schema))
        return node
    if isinstance(value, list):
        if not isinstance(node, CommentedSeq):
            node = CommentedSeq()
        node.fa.set_block_style()
        child = shape.child(schema, 0) if schema else None
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
    # An end-of-line comment lives in node.ca.items under its key and moves with it. Comment
    # lines above a key live with whatever came before (the previous key's last value): they
    # are taken off there and put back above their key, so a comment follows its field.
    known = [k for k in order if k in node]
    unknown = [k for k in node if k not in order]
    keys = list(node)
    if keys == known + unknown:
        return
    above = {key: _take_lines_after(node, previous) for previous, key in zip(keys, keys[1:], strict=False)}
    after = _take_lines_after(node, keys[-1], raw=True)  # above whatever follows this mapping
    for key in known + unknown:
        node.move_to_end(key)
    indent = _key_column(node)
    for key, lines in above.items():
        if lines:
            node.yaml_set_comment_before_after_key(key, before="\n".join(lines), indent=indent)
    if after:
        slots, index = _slot_after(node, list(node)[-1])
        text = "".join(line + "\n" for line in after)
        if slots[index] is None:
            slots[index] = CommentToken("\n" + text, column=0)
        else:
            slots[index].value = slots[index].value.rstrip("\n") + "\n" + text


def _slot_after(node: CommentedMap, key: Any) -> tuple[list[Any], int]:
    """The comment slot that holds what follows the value of `key`: the slot of its deepest
    last item when the value is a mapping or a list."""
    slots, index, value = node.ca.items.setdefault(key, [None, None, None, None]), 2, node[key]
    while isinstance(value, (CommentedMap, CommentedSeq)) and len(value):
        last = list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1
        slots = value.ca.items.setdefault(last, [None, None, None, None])
        index = 2 if isinstance(value, CommentedMap) else 0
        value = value[last]
    return slots, index


def _take_lines_after(node: CommentedMap, key: Any, raw: bool = False) -> list[str]:
    """The whole comment lines after `key`'s value (those above the next key), removed there;
    an end-of-line comment stays."""
    slots, index = _slot_after(node, key)
    token = slots[index]
    if token is None or not hasattr(token, "value"):
        return []
    text: str = token.value
    if text.startswith("\n") or token.column == 0:
        end_of_line, rest = "", text.lstrip("\n")
    else:
        end_of_line, _, rest = text.partition("\n")
    lines = [line for line in rest.split("\n") if line.strip().startswith("#")]
    if not lines:
        return []
    if end_of_line:
        token.value = end_of_line + "\n"
    else:
        slots[index] = None
    if raw:
        return lines
    lines = [line.strip() for line in lines]
    return [line[2:] if line.startswith("# ") else line[1:] for line in lines]


def _key_column(node: CommentedMap) -> int:
    try:
        return int(node.lc.key(next(iter(node)))[1])
    except (AttributeError, KeyError, TypeError, StopIteration):
        return 0


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
    record_type = BY_FOLDER.get(parts[0])
    return (record_type.name if record_type else None), len(parts) - 1


def modeline(record_type: str, depth: int) -> str:
    """`depth` folders below records/: records/documents/x.yaml has depth 1."""
    return f"{MODELINE_PREFIX}{'../' * (depth + 1)}schemas/{record_type}.schema.json"


def _split_modeline(text: str) -> str:
    first, _, rest = text.partition("\n")
    return rest if first.startswith("# yaml-language-server:") else text


def canonical_text(text: str, record_type: str | None, depth: int = 1, shape: SchemaShape | None = None,
                   file: str = "<text>", data: Any = None) -> str:
    """The canonical form of a record's text, or of `data` written over it with its comments kept
    (a record corrected from a workbook); raises FormatError."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    try:
        written = load_bytes(text.encode("utf-8"), file).data
    except LoadError as error:
        raise FormatError(f"{error.line}:{error.col}: {error.message} (hãy sửa lỗi này trước: python -m generator validate)") from None
    data = written if data is None else data
    yaml = make_yaml()
    try:
        tree = yaml.load(_split_modeline(text))
    except (YAMLError, ValueError) as error:  # ruamel reads an impossible date such as 2023-02-30 as one
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
