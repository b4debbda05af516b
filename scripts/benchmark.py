"""Benchmark validation, generation and the site build on synthetic province-scale trees.

Usage (from the project folder; `make benchmark` runs `--scales 1 --memory-scale 10`: every
step at scale 1, and the generate step alone at scale 10 for its peak memory):

    .venv/bin/python scripts/benchmark.py [--scales 1,3,10] [--steps validate,generate,build]
                                          [--repeat N] [--memory-scale S] [--seed 0] [--keep DIR]
                                          [--json FILE] [--profile FILE] [--check]

For each scale, scripts/synthesise.py writes a tree (≈20 000 activities per
unit of scale) into a temporary folder; every step then runs in a fresh
subprocess, so that its peak memory (ru_maxrss of that child, read with
os.wait4) is its own:

  parse     the bare libyaml parse: yaml.load(f, Loader=yaml.CSafeLoader) of every
            file, read from disk in the same order as validation (the baseline)
  validate  generator.validate.validate_tree in a child (the same work as
            `python -m generator validate <tree>/records`)
  generate  generator.pipeline.generate in a child (the same work as
            `python -m generator generate --records … --out DIR`): validation, then
            the generation proper, rendering and writing pages and downloads
  import    python -m generator import --write of a workbook of --import-rows rows (2 000 by
            default) filled as staff fill the template, into a scratch copy of the project's
            own records (not the synthetic tree): reading, planning, checking and writing
  build     python -m generator build --records … --site-dir … (when it exists), run in a
            scratch copy of the project: build always writes <project>/build/docs/

Before timing, every file of the tree is read once so that the OS file cache
is hot for the parse and for validation alike. With --repeat N each step runs N
times and the fastest run is kept. "core" is the time spent in the work itself,
measured inside the child after imports ("cpu" is its CPU time, steadier on a
busy machine, and that of the processes validation and generation fork to use the other
cores: cpu above core means two cores were busy); "wall" is the whole subprocess, interpreter
start and imports included. The parse and validation run in turns (three pairs at least), and
their goal compares the median wall times of their runs: validation on every core against the
bare parse on one (core and cpu ratios are printed too). Each goal is judged at its own scale
(the times at scale 1, generation's peak memory at scale 10), with the machine's load average
printed beside the figures: other work on the machine slows them all. --profile FILE
also runs validation once under cProfile and prints its top functions.

Figures only: the exit status is 0 unless --check is given, in which case it is
1 when a goal is missed.
"""
from __future__ import annotations

import argparse
import gzip
import html.parser
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "scripts"))

import search_figures  # noqa: E402 - scripts/, put on the path just above

from generator.view import urls  # noqa: E402 -- the project's own package, from the checkout

TODAY = "2026-11-26"
ALL_STEPS = ("validate", "generate", "build", "import")
MB = 1024 * 1024
# Below the built site: the offline copy, the programme's Atom feed, the data package.
OFFLINE_ZIP = urls.OPEN_DATA + urls.OFFLINE_FILE
FEED = urls.feed()
DATAPACKAGE = urls.OPEN_DATA + "datapackage.json"

# goal name -> (limit, unit, description, the scale it is judged at); at other scales the
# figure is printed without a verdict.
GOALS = {
    # Whole processes (interpreter start and imports included), the median of --repeat pairs run
    # one after the other: validation on every core against the bare parse on one.
    "validate_ratio": (1.0, "×", "validation ≤ 1.0× bare parse (wall)", 1),
    "validate_rss": (500, "MB", "validation peak memory < 500 MB", 1),
    "generation": (2.0, "s", "generation (render, index, write) ≤ 2 s", 1),
    "build_wall": (20.0, "s", "build ≤ 20 s", 1),
    "generate_rss": (1024, "MB", "generation peak memory < 1 GB", 10),
    "entity_page": (40.0, "KB", "median entity page < 40 KB", 1),
    "first_search": (1000.0, "KB", "first search downloads < 1 MB", 1),
    "first_search_gzip": (150.0, "KB", "first search, gzip < 150 KB", 1),
    "search_ms": (200.0, "ms", "search answers < 200 ms (4× CPU)", 1),
    "commune_view": (350.0, "KB", "first view of a commune page < 350 KB", 1),
    "explorer_view": (300.0, "KB", "first view of the explorer, gzip < 300 KB", 1),
}
AT_MOST = {"validate_ratio", "generation", "build_wall"}  # goals met at the limit itself ("≤")
IMPORT_GOAL = 10.0  # seconds: `import --write` of the 2 000-row workbook


# --------------------------------------------------------------------------- child side

def _walk(root: str):
    """Every file below root in the validator's order (sorted folders, sorted names)."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield os.path.join(dirpath, name)


def _peaks_kb() -> tuple[int, int]:
    """(this process's peak memory, the highest peak of the children it forked and waited for):
    on Linux the children's ru_maxrss is that of the largest one, not a sum. Validation and
    generation share their work with forked children, each of which renders and writes its share:
    the peak of the step is the higher of the two."""
    import resource

    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def _children_cpu() -> float:
    """CPU seconds of the children this process forked and waited for."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def child(argv: list[str]) -> int:
    """Run one measured step in this (fresh) process; print one JSON line."""
    step, root = argv[0], argv[1]
    started = time.perf_counter()
    report: dict = {}
    cpu_started = 0.0
    if step == "parse":
        import yaml

        loader = yaml.CSafeLoader
        imported = time.perf_counter()
        cpu_started = time.process_time()
        files = 0
        for path in _walk(root):
            if path.endswith(".yaml"):
                with open(path, "rb") as handle:
                    yaml.load(handle, Loader=loader)
                files += 1
        report["files"] = files
    elif step == "validate":
        import datetime

        from generator.schema import SchemaSet
        from generator.validate import validate_tree

        today = datetime.date.fromisoformat(argv[2] if len(argv) > 2 else TODAY)
        imported = time.perf_counter()
        cpu_started = time.process_time()
        profile_to = os.environ.get("BENCHMARK_PROFILE")
        if profile_to:
            import cProfile

            profiler = cProfile.Profile()
            result = profiler.runcall(validate_tree, Path(root), today, SchemaSet())
            profiler.dump_stats(profile_to)
        else:
            result = validate_tree(Path(root), today, SchemaSet())
        report["files"] = len(result.files)
        report["errors"] = sum(1 for d in result.diagnostics if d.severity == "error")
        report["warnings"] = len(result.diagnostics) - report["errors"]
    elif step == "generate":
        import datetime

        from generator.pipeline import generate
        from generator.site import editions
        from generator.view.context import Context

        # The English edition's share, timed where the render calls it.
        edition, english = editions.files, []

        def timed(site):
            clock = time.perf_counter()
            made = edition(site)
            english.append(time.perf_counter() - clock)
            return made

        editions.files = timed
        out, today = Path(argv[2]), datetime.date.fromisoformat(argv[3])
        imported = time.perf_counter()
        cpu_started = time.process_time()
        outcome = generate(Path(root), out, Context(), today)
        if outcome.errors:
            raise SystemExit(f"{len(outcome.errors)} errors: nothing generated")
        # The generation proper: pages and downloads rendered and written (each share of the render
        # writes its own files), the search index made and written, the folder ended; validation apart.
        report.update(files=outcome.files, **{f"{k}_s": v for k, v in outcome.seconds.items()})
        report["generation_s"] = sum(v for k, v in outcome.seconds.items() if k != "validate")
        report["edition_s"] = sum(english)
    elif step == "import":
        import datetime

        from generator.intake.plan import NEW, make_plan, write
        from generator.intake.read import read

        workbook, today = Path(argv[2]), datetime.date.fromisoformat(argv[3])
        imported = time.perf_counter()
        cpu_started = time.process_time()
        plan = make_plan(read(workbook), Path(root), today)
        report.update(rows=plan.rows, planned=len(plan.of_state(NEW)), problems=len(plan.problems))
        report["written"] = len(write(plan))
    else:
        raise SystemExit(f"unknown child step {step}")
    done = time.perf_counter()
    own_cpu = time.process_time() - cpu_started
    # own_cpu: this process's CPU time alone. When the shares forked to other cores take no
    # longer than this process's own, it is the wall time the work takes on a machine whose
    # cores are free (on a shared machine, the processes started from one terminal may share one CPU share).
    own_peak, children_peak = _peaks_kb()
    report.update(import_s=imported - started, core_s=done - imported, cpu_s=own_cpu + _children_cpu(),
                  own_cpu_s=own_cpu, maxrss_kb=max(own_peak, children_peak), own_maxrss_kb=own_peak,
                  children_maxrss_kb=children_peak)
    print(json.dumps(report))
    return 0


# --------------------------------------------------------------------------- parent side

def run(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> dict:
    """Run `cmd`; wall time, exit code, output and the child's own peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"rc": process.returncode, "wall_s": wall, "maxrss_kb": usage.ru_maxrss,
                "stdout": out.read().decode("utf-8", "replace"), "stderr": err.read().decode("utf-8", "replace")}


def _child_cmd(step: str, root: Path, *extra: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--child", step, str(root), *extra]


def measure_child(step: str, root: Path, repeat: int, *extra: str) -> dict:
    best = None
    for _ in range(repeat):
        ran = run(_child_cmd(step, root, *extra), cwd=PROJECT)
        if ran["rc"] != 0:
            raise SystemExit(f"{step} failed:\n{ran['stderr'][-3000:]}")
        report = json.loads(ran["stdout"].strip().splitlines()[-1])
        report["wall_s"] = ran["wall_s"]
        report["maxrss_kb"] = max(report["maxrss_kb"], ran["maxrss_kb"])
        if best is None or report["core_s"] < best["core_s"]:
            peak = max(report["maxrss_kb"], best["maxrss_kb"]) if best else report["maxrss_kb"]
            best = report
            best["maxrss_kb"] = peak
    return best


VALIDATION_PAIRS = 3  # at least: the goal compares medians of whole-process runs


def measure_validation(records: Path, repeat: int, today: str) -> dict:
    """The bare parse and validation, in turns (a machine busier for a while slows both): the
    fastest run of each, and the median wall time of each's runs (VALIDATION_PAIRS at least)."""
    runs: dict[str, list[dict]] = {"parse": [], "validate": []}
    for _ in range(max(repeat, VALIDATION_PAIRS)):
        runs["parse"].append(measure_child("parse", records, 1))
        runs["validate"].append(measure_child("validate", records, 1, today))
    best = {}
    for step, reports in runs.items():
        best[step] = min(reports, key=lambda report: report["core_s"])
        best[step]["median_wall_s"] = statistics.median(report["wall_s"] for report in reports)
        best[step]["maxrss_kb"] = max(report["maxrss_kb"] for report in reports)
    return best


def profile_validation(records: Path, to: Path, today: str) -> None:
    """One more validation child under cProfile: stats saved to `to`, the top functions printed."""
    import pstats

    ran = run(_child_cmd("validate", records, today), cwd=PROJECT, env=dict(os.environ, BENCHMARK_PROFILE=str(to)))
    if ran["rc"] != 0:
        print(f"profiling failed:\n{ran['stderr'][-2000:]}")
        return
    print(f"\ncProfile of validation (saved to {to}; cProfile adds overhead), by own time:")
    pstats.Stats(str(to), stream=sys.stdout).strip_dirs().sort_stats("tottime").print_stats(15)


def warm_cache(root: Path) -> tuple[int, int]:
    files = size = 0
    for path in _walk(str(root)):
        with open(path, "rb") as handle:
            size += len(handle.read())
        files += 1
    return files, size


def generator_help(command: str) -> str | None:
    """The --help text of `python -m generator COMMAND`, or None when it does not exist."""
    ran = run([sys.executable, "-m", "generator", command, "--help"], cwd=PROJECT)
    return ran["stdout"] if ran["rc"] == 0 else None


def _option(help_text: str, names: tuple) -> str | None:
    for name in names:
        if re.search(rf"(^|\s|\[){re.escape(name)}[\s=,\]]", help_text):
            return name
    return None


RECORDS_OPTIONS = ("--records", "--records-dir", "--records-root", "--root", "--source")
SITE_OPTIONS = ("--site", "--site-dir", "--out", "--output")


class _Assets(html.parser.HTMLParser):
    """The files a browser fetches to show a page: stylesheets, scripts, images, icons."""

    def __init__(self):
        super().__init__()
        self.found: set = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href") and {"stylesheet", "icon"} & set((attrs.get("rel") or "").split()):
            self.found.add(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.found.add(attrs["src"])


def _page_files(site: Path, page: Path) -> list[Path]:
    """The page and the local files it loads."""
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    found = [page]
    for reference in sorted(parser.found):
        target = urllib.parse.urlsplit(reference)
        if target.scheme or target.netloc:
            continue  # not ours: the browser tests refuse such requests
        path = (page.parent / urllib.parse.unquote(target.path)).resolve()
        if path.is_file() and site.resolve() in path.parents:
            found.append(path)
    return found


def first_view_bytes(site: Path, page: Path) -> int:
    """The page's HTML and the local files it loads, as an uncached browser fetches them (the
    search index is fetched only when a reader searches: scripts/search_figures.py; the browser
    weight test measures the same on the shipped records)."""
    return sum(path.stat().st_size for path in _page_files(site, page))


EXPLORER_ROWS = 50  # the rows a first view of the explorer lists (docs/javascripts/explorer.js PAGE)


def explorer_view_gzip(site: Path) -> int | None:
    """The explorer's first view, gzipped as a server sends it: the page, the files it loads,
    its common data file and the newest parts that fill its first rows (explorer.js)."""
    page = site / urls.EXPLORER / "index.html"
    data = site / urls.EXPLORER / "du-lieu"
    if not page.is_file() or not (data / "chung.json").is_file():
        return None
    files = [*_page_files(site, page), data / "chung.json"]
    count = 0
    for _year, rows, name, _sources in json.loads((data / "chung.json").read_text(encoding="utf-8"))["parts"]:
        if count >= EXPLORER_ROWS:
            break
        files.append(data / name)
        count += rows
    return sum(len(gzip.compress(path.read_bytes(), 6)) for path in files)


def page_stats(folder: Path, suffixes: tuple) -> dict:
    pages = [p for p in folder.rglob("*") if p.is_file() and p.suffix in suffixes]
    sizes = [p.stat().st_size for p in pages]
    stats = {"pages": len(pages), "median_page_kb": statistics.median(sizes) / 1024 if sizes else 0.0}
    # Entity pages: one page per record, below a section folder (not the home page,
    # section indexes, 404, search or theme assets).
    entity = [p.stat().st_size for p in pages
              if len(p.relative_to(folder).parts) >= 3
              and p.relative_to(folder).parts[0] not in ("assets", "search", "stylesheets", "javascripts")]
    stats["entity_pages"] = len(entity)
    stats["median_entity_kb"] = statistics.median(entity) / 1024 if entity else 0.0
    communes = [p for pattern in ("dia-ban/xa-*/index.html", "dia-ban/thi-tran-*/index.html")
                for p in folder.glob(pattern)]
    if communes:
        views = [first_view_bytes(folder, p) for p in communes]
        stats["commune_view_median_kb"] = statistics.median(views) / 1024
        stats["commune_view_max_kb"] = max(views) / 1024
    explorer = explorer_view_gzip(folder)
    stats["explorer_view_gzip_kb"] = explorer / 1024 if explorer is not None else None
    index = search_figures.sizes(folder)
    stats["search_index_mb"] = index["index_bytes"] / MB if index else None
    if index:
        stats["search_sizes"] = index  # read once: the search figures of the build reuse them
    # What the site publishes beside its pages: the offline copy, the programme's feed, the data package.
    for key, path in (("offline_zip_mb", OFFLINE_ZIP), ("feed_mb", FEED), ("datapackage_mb", DATAPACKAGE)):
        stats[key] = (folder / path).stat().st_size / MB if (folder / path).exists() else None
    if pages:
        largest = max(pages, key=lambda p: p.stat().st_size)
        stats["largest_page"] = f"{largest.relative_to(folder)} {largest.stat().st_size / 1024:.0f} KB"
    return stats


def measure_generate(records: Path, work: Path, repeat: int, today: str) -> dict:
    """The generate step in a child, into an empty folder each time (every file written)."""
    out = work / "generated"
    best = None
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        report = measure_child("generate", records, 1, str(out), today)
        if best is None or report["generation_s"] < best["generation_s"]:
            best = report
    best.update(page_stats(out, (".md", ".html")))
    return best


SCRATCH_SKIP_TOP = {".git", ".venv", "site", "records", "build", "tests", "test-artifacts", ".pytest_cache", ".hypothesis"}


def _scratch_ignore(folder: str, names: list) -> set:
    relative = os.path.relpath(folder, PROJECT)
    skipped = {n for n in names if n in ("__pycache__",) or n.endswith(".egg-info")}
    if relative == ".":
        skipped |= {n for n in names if n in SCRATCH_SKIP_TOP}
    elif relative == "docs":
        skipped |= {"generated"} & set(names)
    return skipped


def scratch_project(work: Path) -> Path:
    """A copy of the project without records, site/ or build/: `build` writes its pages into
    <project>/build/docs/ whatever --records says, so it runs in the copy and leaves the working tree alone."""
    copy = work / "project"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(PROJECT, copy, ignore=_scratch_ignore)
    return copy


def measure_build(records: Path, work: Path, repeat: int, help_text: str) -> dict:
    records_option = _option(help_text, RECORDS_OPTIONS)
    site_option = _option(help_text, SITE_OPTIONS)
    if records_option is None:
        return {"skipped": "build reads only the project's records/ (no --records option): not measured"}
    project = scratch_project(work)
    (project / "records").symlink_to(records.resolve(), target_is_directory=True)  # mkdocs.yml watches records/
    site = work / "site"
    cmd = [sys.executable, "-m", "generator", "build", records_option, str(records)]
    if _option(help_text, ("--today",)):
        cmd += ["--today", TODAY]
    if site_option:
        cmd += [site_option, str(site)]
    else:
        site = project / "site"
    best = None
    for _ in range(repeat):
        shutil.rmtree(site, ignore_errors=True)
        ran = run(cmd, cwd=project)
        if ran["rc"] != 0:
            return {"skipped": f"build failed (exit {ran['rc']}): {(ran['stdout'] + ran['stderr'])[-800:]}"}
        if best is None or ran["wall_s"] < best["wall_s"]:
            best = {"wall_s": ran["wall_s"], "maxrss_kb": ran["maxrss_kb"]}
    best.update(page_stats(site, (".html",)))
    html = [p.stat().st_size for p in site.rglob("*.html")]
    best["edition_share"] = sum(p.stat().st_size for p in site.glob("en/**/*.html")) / sum(html) if html else None
    best["search"] = search_figures.measure(site, index_sizes=best.pop("search_sizes", None))
    return best


# --------------------------------------------------------------------------- report

def _fmt(value, spec: str = ".2f", unit: str = "") -> str:
    if value is None:
        return "-"
    return f"{value:{spec}}{unit}"


def print_scale(scale: float, info: dict, results: dict) -> None:
    print(f"\n=== scale {scale:g}: {info['files']} files, {info['bytes'] / MB:.1f} MB of YAML "
          f"(synthesised in {info['synth_s']:.1f} s); load average now {_load()} ===")
    header = f"{'step':<10} {'wall s':>8} {'core s':>8} {'cpu s':>8} {'import s':>9} {'peak MB':>8}  details"
    print(header)
    print("-" * len(header))
    parse = results.get("parse")
    if parse:
        print(f"{'parse':<10} {parse['wall_s']:8.2f} {parse['core_s']:8.2f} {parse['cpu_s']:8.2f} "
              f"{parse['import_s']:9.2f} {parse['maxrss_kb'] / 1024:8.0f}  {parse['files']} files, CSafeLoader")
    validate = results.get("validate")
    if validate:
        ratio = validate["core_s"] / parse["core_s"] if parse else None
        cpu_ratio = validate["cpu_s"] / parse["cpu_s"] if parse else None
        wall_ratio = validate["median_wall_s"] / parse["median_wall_s"] if parse else None
        own_ratio = validate["own_cpu_s"] / parse["own_cpu_s"] if parse else None
        print(f"{'validate':<10} {validate['wall_s']:8.2f} {validate['core_s']:8.2f} {validate['cpu_s']:8.2f} "
              f"{validate['import_s']:9.2f} {validate['maxrss_kb'] / 1024:8.0f}  "
              f"validate/parse {_fmt(ratio)}× core, {_fmt(cpu_ratio)}× cpu, {_fmt(wall_ratio)}× wall (median), "
              f"{_fmt(own_ratio)}× own cpu (validation's own process, without the shares forked to other cores); "
              f"{validate['errors']} errors, {validate['warnings']} warnings")
    for step in ("generate", "build"):
        found = results.get(step)
        if found is None:
            continue
        if "skipped" in found:
            print(f"{step:<10} {'-':>8} {'-':>8} {'-':>8} {'-':>9} {'-':>8}  {found['skipped']}")
            continue
        details = f"{found['pages']} pages, median {found['median_page_kb']:.1f} KB"
        if step == "generate":
            details = (f"validate {found['validate_s']:.2f} + render and write {found['render_s']:.2f} + search "
                       f"index {found['index_s']:.2f} + end {found['write_s']:.2f} s; generation "
                       f"{found['generation_s']:.2f} s; peak memory: the parent's "
                       f"{found['own_maxrss_kb'] / 1024:.0f} MB, its largest child's "
                       f"{found['children_maxrss_kb'] / 1024:.0f} MB; " + details)
            details += f"; English edition {found['edition_s']:.2f} s, {found['edition_s'] / found['generation_s']:.1%}"
        if step == "build":
            details += (f"; {found['entity_pages']} entity pages, median {found['median_entity_kb']:.1f} KB; "
                        f"search index {_fmt(found['search_index_mb'], '.2f', ' MB')}; first view of a commune "
                        f"page median {_fmt(found.get('commune_view_median_kb'), '.0f', ' KB')}, "
                        f"largest {_fmt(found.get('commune_view_max_kb'), '.0f', ' KB')}; first view of the explorer "
                        f"{_fmt(found.get('explorer_view_gzip_kb'), '.0f', ' KB')} gzip")
        if step == "build":
            details += f"; English edition {_fmt(found.get('edition_share') and 100 * found['edition_share'], '.1f', '%')} of the HTML"
            details += (f"; offline zip {_fmt(found.get('offline_zip_mb'), '.2f', ' MB')}, programme feed "
                        f"{_fmt(found.get('feed_mb') and found['feed_mb'] * 1024, '.0f', ' KB')}, datapackage.json "
                        f"{_fmt(found.get('datapackage_mb') and found['datapackage_mb'] * 1024, '.0f', ' KB')}")
        if found.get("largest_page"):
            details += f"; largest {found['largest_page']}"
        if found.get("note"):
            details += f" ({found['note']})"
        if found.get("search"):
            details += "\n  " + "\n  ".join(search_figures.report(found["search"]))
        core, cpu = _fmt(found.get("core_s")), _fmt(found.get("cpu_s"))
        imports = _fmt(found.get("import_s"))
        print(f"{step:<10} {found['wall_s']:8.2f} {core:>8} {cpu:>8} {imports:>9} "
              f"{found['maxrss_kb'] / 1024:8.0f}  {details}")


def goal_values(results: dict) -> dict:
    values = {}
    parse, validate = results.get("parse"), results.get("validate")
    if parse and validate:
        values["validate_ratio"] = validate["median_wall_s"] / parse["median_wall_s"]
        values["validate_rss"] = validate["maxrss_kb"] / 1024
    generate = results.get("generate") or {}
    if "generation_s" in generate:
        values["generation"] = generate["generation_s"]
        values["generate_rss"] = generate["maxrss_kb"] / 1024  # validation included: the highest process
    build = results.get("build") or {}
    if "wall_s" in build:
        values["build_wall"] = build["wall_s"]
        values["entity_page"] = build["median_entity_kb"] if build.get("entity_pages") else None
        searched = search_figures.worst(build.get("search") or {})
        values["first_search"] = searched.get("first_search_kb")
        values["first_search_gzip"] = searched.get("first_search_gzip_kb")
        # As a reader searches: the box opened, then the query typed (scripts/search_figures.py);
        # the time from nothing loaded at all is printed with the build.
        values["search_ms"] = searched.get("search_typed_ms")
        values["commune_view"] = build.get("commune_view_max_kb")
        values["explorer_view"] = build.get("explorer_view_gzip_kb")
    return values


def print_goals(all_results: dict) -> list:
    """The goals, each judged at its own scale ("ok" or "!!"); other scales' figures bare."""
    missed = []
    scales = list(all_results)
    print(f"\n=== goals (load average {_load()}) ===")
    header = f"{'goal':<52}" + "".join(f"{'scale ' + format(s, 'g'):>16}" for s in scales)
    print(header)
    print("-" * len(header))
    for key, (limit, unit, words, judged_at) in GOALS.items():
        cells = []
        for scale in scales:
            value = goal_values(all_results[scale]).get(key)
            if value is None:
                cells.append(f"{'-':>16}")
                continue
            if scale != judged_at:
                cells.append(f"{value:>10.2f} {unit:<2}   ")
                continue
            ok = value <= limit if key in AT_MOST else value < limit
            if not ok:
                missed.append(f"scale {scale:g}: {words} (measured {value:.2f} {unit})")
            cells.append(f"{value:>10.2f} {unit:<2} {'ok' if ok else '!!':>2}")
        print(f"{words + f' (scale {judged_at})':<52}" + "".join(cells))
    return missed


def _load() -> str:
    """The machine's load average over 1, 5 and 15 minutes: its other work slows every figure."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


# --------------------------------------------------------------------------- main

def import_workbook(records: Path, path: Path, rows: int, today: str) -> Path:
    """A workbook of `rows` activities of the ledger's partnerships, typed as staff type them:
    the template's columns, names without diacritics, dd/mm/yyyy, amounts with dots."""
    import datetime

    from openpyxl import load_workbook

    from generator.intake.parse import folded
    from generator.intake.plan import ledger_site
    from generator.intake.template import sheet_title, template

    site = ledger_site(records, datetime.date.fromisoformat(today))
    template(site, "activity", path)
    book = load_workbook(path)
    sheet = book[sheet_title("activity")]
    at = {cell.value: cell.column for cell in sheet[1]}
    # Pairs in force over all the rows' years (2021-2024): one that ended before would refuse its rows.
    pairs = [p for p, data in site.partnerships.items() if data["period"]["start"] <= "2021-01-01"
             and data["period"].get("end", "9999") >= "2024-12-31"]
    labels = [item["label"] for item in site.vocabulary("support-categories").values()]
    for i in range(rows):
        values = {
            "Cặp kết nghĩa": folded(site.partnership_name(pairs[i % len(pairs)])),
            "Ngày": f"{i % 28 + 1}/{i % 12 + 1}/{2021 + i % 4}",
            "Nội dung hỗ trợ": labels[i % len(labels)],
            "Tên hoạt động": f"Ho tro dot {i + 1}",
            "Giá trị: Tiền mặt": f"{i + 1}.000.000",
            "Người hưởng lợi: Số hộ": str(i % 50 + 1),
            "Nguồn: Tiêu đề": "Bao cao so ket",
            "Nguồn: Nơi đăng": "Ban Dan toc",
            "Nguồn: Ngày đăng": f"20/12/{2021 + i % 4}",
        }
        for header, value in values.items():
            sheet.cell(row=i + 2, column=at[header], value=value)
    book.save(path)
    return path


def measure_import(work: Path, rows: int, today: str) -> dict:
    records = work / "records"
    shutil.copytree(PROJECT / "records", records)
    workbook = import_workbook(records, work / "so-ket.xlsx", rows, today)
    return measure_child("import", records, 1, str(workbook), today)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1", help="comma-separated scales (1 ≈ 20 000 activities), default 1")
    parser.add_argument("--steps", default=None,
                        help="comma-separated among validate,generate,build (default: all that exist); "
                             "the bare parse always runs with validate")
    parser.add_argument("--repeat", type=int, default=1, help="runs per step; the fastest is kept")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--today", default=TODAY, help=f"'today' for validation (default {TODAY})")
    parser.add_argument("--keep", metavar="DIR", help="synthesise into DIR/scale-N and keep it")
    parser.add_argument("--json", metavar="FILE", help="also write every figure to FILE")
    parser.add_argument("--profile", metavar="FILE", help="also profile validation with cProfile into FILE "
                        "(FILE-<scale>.prof per scale) and print the top functions")
    parser.add_argument("--import-rows", type=int, default=2000, help="rows of the workbook the import step reads")
    parser.add_argument("--memory-scale", type=float, default=None, metavar="S",
                        help="also the generate step alone at scale S (10: the goal of its peak memory)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return child(argv[1:])
    args = parse_args(argv)
    scales = [float(s) for s in args.scales.split(",") if s.strip()]
    helps = {command: generator_help(command) for command in ("generate", "build")}
    if args.steps:
        steps = [s.strip() for s in args.steps.split(",") if s.strip()]
        unknown = [s for s in steps if s not in ALL_STEPS]
        if unknown:
            print(f"unknown steps: {', '.join(unknown)} (choose among {', '.join(ALL_STEPS)})", file=sys.stderr)
            return 2
    else:
        steps = ["validate"] + [c for c in ("generate", "build") if helps[c] is not None] + ["import"]
    for command in ("generate", "build"):
        if command in steps and helps[command] is None:
            print(f"note: `python -m generator {command}` does not exist yet: skipped")
            steps.remove(command)

    from synthesise import synthesise

    all_results: dict = {}
    everything: dict = {}
    if steps == ["import"]:
        scales = []  # the import reads the project's own records: no synthetic tree to make
    # The scales asked for, each with every step; then the memory scale with the generate step alone.
    runs = [(scale, steps) for scale in scales]
    if args.memory_scale and "generate" in steps and args.memory_scale not in scales:
        runs.append((args.memory_scale, ["generate"]))
    for scale, scale_steps in runs:
        steps_here = set(scale_steps)
        base = Path(args.keep) / f"scale-{scale:g}" if args.keep else Path(tempfile.mkdtemp(prefix=f"bench-{scale:g}-"))
        base.mkdir(parents=True, exist_ok=True)
        try:
            started = time.perf_counter()
            records = synthesise(base, scale=scale, seed=args.seed)
            info = {"synth_s": time.perf_counter() - started}
            info["files"], info["bytes"] = warm_cache(records)
            results: dict = {}
            if "validate" in steps_here:
                # one unmeasured pass each, then the measured ones (file cache and .pyc hot)
                run(_child_cmd("parse", records), cwd=PROJECT)
                results.update(measure_validation(records, args.repeat, args.today))
            if "generate" in steps_here:
                results["generate"] = measure_generate(records, base, args.repeat if scale in scales else 1, args.today)
            if "build" in steps_here:
                results["build"] = measure_build(records, base, args.repeat, helps["build"])
            print_scale(scale, info, results)
            if args.profile and "validate" in steps_here:
                profile_validation(records, Path(f"{args.profile}-{scale:g}.prof").resolve(), args.today)
            sys.stdout.flush()
            all_results[scale] = results
            everything[f"{scale:g}"] = {"tree": info, "steps": results}
        finally:
            if not args.keep:
                shutil.rmtree(base, ignore_errors=True)
    if "import" in steps:
        with tempfile.TemporaryDirectory(prefix="bench-import-") as work:
            result = measure_import(Path(work), args.import_rows, args.today)
        print(f"\nimport of {result['rows']} rows: {result['wall_s']:.2f} s wall, {result['core_s']:.2f} s core, "
              f"peak {result['maxrss_kb'] / 1024:.0f} MB; {result['written']} records written, {result['problems']} problems")
        everything["import"] = result
    missed = print_goals(all_results) if all_results else []
    if "import" in steps:
        ok = result["wall_s"] < IMPORT_GOAL
        print(f"{'import < ' + format(IMPORT_GOAL, 'g') + ' s':<52}{result['wall_s']:>10.2f} s  {'ok' if ok else '!!':>2}")
        if not ok:
            missed.append(f"import of {result['rows']} rows < {IMPORT_GOAL:g} s (measured {result['wall_s']:.2f} s)")
    if args.json:
        Path(args.json).write_text(json.dumps(everything, indent=2, ensure_ascii=False), encoding="utf-8")
    if args.check and missed:
        print("\nmissed goals:\n  " + "\n  ".join(missed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
