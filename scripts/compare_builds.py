"""The site built by MkDocs and by one of its successors, compared page by page.

    .venv/bin/python scripts/compare_builds.py [--with properdocs|zensical] [--keep DIR]

Generates the project's folder for MkDocs (as `ketnghia generate` does: build/docs/), builds it
with `mkdocs build --strict` and with the other builder, each into a folder of its own, and
compares the two sites:

- properdocs (the CI workflow runs this one; `make setup` installs it): the same files, each
  with the same bytes, apart from the meta tag naming the generator (overrides/main.html prints
  the builder's name and version);
- zensical (a newer engine whose own theme draws the frame of every page differently): the same
  pages (HTML files), and on each the same title and the same article, from its first heading
  to its end. Every page that differs is named, with where.

Exit 0 when the two sites agree, 1 when they differ (each difference on a line), 2 when the
other builder is not installed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from generator.cli import main as ketnghia  # noqa: E402 -- the project's own package, from the checkout
from generator.project import Project  # noqa: E402

_GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_ARTICLE = re.compile(r"<article[^>]*>.*?(<h1.*?)</article>", re.S)
_SPACES = re.compile(r"\s+")
# Zensical drops this attribute (Material's search reads it; the site's own index is made from
# the Markdown, search_pages.py): a difference of no consequence, left out of the comparison.
_UNREAD = re.compile(r" data-search-exclude(?:=\"\")?")
INSTALL = {"properdocs": "pip install -e '.[compare]'", "zensical": "pip install zensical"}


def files_of(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*")) if path.is_file()}


def same_bytes(first: Path, second: Path) -> bool:
    """Byte for byte, the generator meta tag of an HTML page apart."""
    a, b = first.read_bytes(), second.read_bytes()
    return a == b or (first.suffix == ".html" and _GENERATOR_TAG.sub(b"", a) == _GENERATOR_TAG.sub(b"", b))


def _apart(ours: dict[str, Path], theirs: dict[str, Path]) -> list[str]:
    return ([f"{name}: chỉ có trong bản MkDocs dựng" for name in sorted(ours.keys() - theirs.keys())]
            + [f"{name}: chỉ có trong bản kia dựng" for name in sorted(theirs.keys() - ours.keys())])


def exact_differences(reference: Path, other: Path) -> list[str]:
    """ProperDocs: every file, every byte (the generator tag apart)."""
    ours, theirs = files_of(reference), files_of(other)
    return _apart(ours, theirs) + [f"{name}: nội dung khác" for name in sorted(ours.keys() & theirs.keys())
                                   if not same_bytes(ours[name], theirs[name])]


def article(page: str) -> str:
    """A page's title and article, spaces folded; the buttons before its first heading left out."""
    title, body = _TITLE.search(page), _ARTICLE.search(page)
    return _SPACES.sub(" ", _UNREAD.sub("", f"{title[1] if title else ''}\n{body[1] if body else ''}")).strip()


def page_differences(reference: Path, other: Path) -> list[str]:
    """Zensical: the same pages, each with the same title and article."""
    ours = {n: p for n, p in files_of(reference).items() if n.endswith(".html")}
    theirs = {n: p for n, p in files_of(other).items() if n.endswith(".html")}
    found = _apart(ours, theirs)
    for name in sorted(ours.keys() & theirs.keys()):
        a, b = article(ours[name].read_text(encoding="utf-8")), article(theirs[name].read_text(encoding="utf-8"))
        if a != b:
            at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            found.append(f"{name}: bài khác từ ký tự {at}: MkDocs «{a[max(0, at - 40):at + 60]}» / "
                         f"bản kia «{b[max(0, at - 40):at + 60]}»")
    return found


def build(builder: str, root: Path, site: Path, env: dict[str, str] | None = None) -> None:
    """Build the project at `root` with `builder` into `site`. Zensical writes the config's
    site_dir: it builds a config of its own beside mkdocs.yml that inherits it (INHERIT)."""
    env = dict(os.environ if env is None else env, NO_MKDOCS_2_WARNING="1")
    if builder == "zensical":  # its site_dir must be inside the project: built there, then moved
        config, inside = root / ".so-sanh-zensical.yml", root / ".so-sanh-zensical"
        config.write_text(f"INHERIT: mkdocs.yml\nsite_dir: {inside.name}\n", encoding="utf-8")
        command = [sys.executable, "-m", "zensical", "build", "--clean", "--config-file", str(config)]
    else:
        config = inside = None
        command = [sys.executable, "-m", builder, "build", "--strict", "--quiet", "--site-dir", str(site)]
    try:
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
        if inside and not done.returncode:
            shutil.move(inside, site)
    finally:
        if config and inside:
            config.unlink()
            shutil.rmtree(inside, ignore_errors=True)
    if done.returncode:
        raise SystemExit(f"{builder} build thất bại:\n{done.stdout}{done.stderr}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--with", dest="builder", choices=tuple(INSTALL), default="properdocs")
    parser.add_argument("--keep", type=Path, default=None, help="giữ hai bản dựng trong thư mục này")
    args = parser.parse_args(argv)
    try:
        __import__(args.builder)
    except ImportError:
        print(f"Chưa cài {args.builder}: {INSTALL[args.builder]}", file=sys.stderr)
        return 2
    project = Project(PROJECT)
    status = ketnghia(["generate", "--project", str(project.root)])  # as `ketnghia generate` writes it
    if status:
        return status
    with tempfile.TemporaryDirectory(prefix="so-sanh-") as scratch:
        folder = args.keep or Path(scratch)
        sites = {name: folder / name for name in ("mkdocs", args.builder)}
        for name, site in sites.items():
            shutil.rmtree(site, ignore_errors=True)
            build(name, project.root, site)
        compare = exact_differences if args.builder == "properdocs" else page_differences
        found = compare(sites["mkdocs"], sites[args.builder])
        pages = sum(1 for name in files_of(sites["mkdocs"]) if name.endswith(".html"))
    for line in found:
        print(line)
    print(f"{args.builder}: {len(found)} chỗ khác bản MkDocs dựng ({pages} trang).")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
