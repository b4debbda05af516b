"""Figures of the site's search on a built site: what the index weighs, what a first search
downloads and how long it takes to answer in Chromium with the CPU slowed down 4×.

Usage (the benchmark calls `measure` after its build step):

    .venv/bin/python scripts/search_figures.py SITE_DIR [--rate 4]

Sizes are read from the files (`tim-kiem/`, see generator/site/search_index.py); gzip is
what a host that compresses sends (level 6). In the browser, each query runs in a fresh
context (nothing cached) on a commune page, as a reader's first search: its time runs from
the query put in the box to its results shown, the index files fetched from a local server
(no network delay: on a phone add three round trips). "as typed" is the time from the last
key to the results when the reader opens the box and types a key every 150 ms (each key
searches, so the files of the words typed so far are loaded by then); "again" is the same
query run again on the same page, the index files already loaded. Chromium is Debian's
(/usr/bin/chromium, or KETNGHIA_CHROMIUM); without it or Playwright only sizes are given.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project's own package, from the checkout
from generator.view import urls

FOLDER = urls.SEARCH.rstrip("/")
# The last two are forgiven: a typo (two letters swapped) and a beginning on every word.
QUERIES = ("nha dai doan ket", "Hòa", "heo", "ch'om", "Phước Chánh", "hỗ trợ hộ nghèo", "xa tra", "phuoc chnah", "la de")
KB = 1000


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def sizes(site: Path) -> dict:
    """The whole index, raw and gzipped, and its largest word file."""
    files = sorted(p for p in (site / FOLDER).rglob("*.json"))
    if not files:
        return {}
    raw = {p: p.stat().st_size for p in files}
    gzipped = {p: _gzip_size(p.read_bytes()) for p in files}
    words = [p for p in files if p.parent.name == "w"]
    largest = max(words, key=lambda p: raw[p]) if words else None
    meta = json.loads((site / FOLDER / "meta.json").read_text(encoding="utf-8"))
    return {
        "files": len(files),
        "entries": meta["entries"],
        "index_bytes": sum(raw.values()),
        "index_kb": sum(raw.values()) / KB,
        "index_gzip_kb": sum(gzipped.values()) / KB,
        "largest_word_file": f"{largest.name} {raw[largest] / KB:.0f} KB ({gzipped[largest] / KB:.0f} KB gzip)"
        if largest else None,
    }


def chromium() -> str | None:
    for candidate in (os.environ.get("KETNGHIA_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def _page_to_search(site: Path) -> str:
    communes = sorted(site.glob("dia-ban/xa-*/index.html"))
    return str(communes[0].parent.relative_to(site)) + "/" if communes else ""


def in_browser(site: Path, rate: float = 4, queries: tuple[str, ...] = QUERIES) -> dict:
    """Per query: bytes of a first search (raw, gzip), milliseconds to results, again."""
    executable = chromium()
    if executable is None:
        return {"skipped": "Chromium not found"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"skipped": "Playwright not installed"}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    found: dict = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox"])
            for query in queries:
                found[query] = _one_query(browser, base + _page_to_search(site), query, rate)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {"rate": rate, "queries": found}


def _one_query(browser, url: str, query: str, rate: float) -> dict:
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    fetched: dict[str, bytes] = {}
    page.on("response", lambda r: fetched.__setitem__(urlsplit(r.url).path, r.body()) if f"/{FOLDER}/" in r.url else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    before = dict(fetched)
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})
    timed = "q => { const t = performance.now(); return window.ketnghiaSearch.typed(q).then(() => performance.now() - t); }"
    first = page.evaluate(timed, query)
    page.wait_for_load_state("networkidle")
    shown = page.locator("ol.md-search-result__list a.md-search-result__link").count()
    count = page.locator(".md-search-result__meta").inner_text().strip()
    again = statistics.median(page.evaluate(timed, query) for _ in range(3))
    context.close()
    typing = _as_typed(browser, url, query, rate)
    bodies = [body for path, body in fetched.items()]
    return {
        "before_search_bytes": sum(len(b) for b in before.values()),
        "files": len(bodies),
        "kb": sum(len(b) for b in bodies) / KB,
        "gzip_kb": sum(_gzip_size(b) for b in bodies) / KB,
        "ms": first,
        "again_ms": again,
        "typed_ms": typing,
        "shown": shown,
        "results": count,
    }


# The reader opens the box, then types a key every 150 ms: each key searches what is typed so
# far (the box's input event), and the time counted runs from the last key to its results.
AS_TYPED = """async q => {
  const s = window.ketnghiaSearch, pause = ms => new Promise(done => setTimeout(done, ms));
  s.open();
  await pause(400);
  for (let i = 1; i < q.length; i++) { s.typed(q.slice(0, i)); await pause(150); }
  const t = performance.now();
  await s.typed(q);
  return performance.now() - t;
}"""


def _as_typed(browser, url: str, query: str, rate: float) -> float:
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})
    typed = page.evaluate(AS_TYPED, query)
    context.close()
    return typed


def measure(site: Path, rate: float = 4, index_sizes: dict | None = None) -> dict:
    """`index_sizes`: sizes(site), when the caller has read them already."""
    return {"sizes": sizes(site) if index_sizes is None else index_sizes, "browser": in_browser(site, rate)}


def report(figures: dict) -> list[str]:
    lines = []
    s = figures.get("sizes") or {}
    if s:
        lines.append(f"search index: {s['entries']} entries in {s['files']} files, {s['index_kb'] / KB:.2f} MB "
                     f"({s['index_gzip_kb'] / KB:.2f} MB gzip, never fetched whole); largest word file {s['largest_word_file']}")
    browser = figures.get("browser") or {}
    if "skipped" in browser:
        lines.append(f"search in the browser: {browser['skipped']}")
    for query, q in (browser.get("queries") or {}).items():
        lines.append(f"  first search {query!r:<22} {q['files']:>2} files {q['kb']:7.1f} KB ({q['gzip_kb']:5.1f} KB gzip), "
                     f"{q['ms']:4.0f} ms at {browser['rate']:g}× CPU, as typed {q['typed_ms']:4.0f} ms, again {q['again_ms']:3.0f} ms; "
                     f"{q['results']}")
    return lines


def worst(figures: dict) -> dict:
    """The largest first-search download and the slowest answer, over the queries."""
    queries = ((figures.get("browser") or {}).get("queries") or {}).values()
    if not queries:
        return {}
    return {
        "first_search_kb": max(q["kb"] for q in queries),
        "first_search_gzip_kb": max(q["gzip_kb"] for q in queries),
        "search_ms": max(q["ms"] for q in queries),
        "search_typed_ms": max(q["typed_ms"] for q in queries),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--rate", type=float, default=4)
    args = parser.parse_args(argv)
    figures = measure(args.site, args.rate)
    print("\n".join(report(figures)))
    print(json.dumps(worst(figures)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
