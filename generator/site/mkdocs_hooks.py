"""MkDocs hooks (mkdocs.yml `hooks:`), loaded by file path: imports are absolute.

- Generated pages live in docs/generated/ (git-ignored, apart from hand-written pages)
  but are served from the site root: /dia-ban/… rather than /generated/dia-ban/….
- A generated page's edit button opens the YAML record behind it.
- The search index gets folded words so that "phuoc chanh" finds "Phước Chánh".
- Big generated tables skip Python-Markdown and the search parser (lifted_blocks).
- While serving, a change under records/ regenerates the pages, outside MkDocs' build
  (on_serve): only the files whose content changed are rewritten, and those wake MkDocs
  for one rebuild. Generating inside the build woke it a second time.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from watchdog.events import FileSystemEventHandler

from generator.site import lifted_blocks, search_index, urls
from generator.site.pipeline import GENERATED, RECORDS, RECORDS_ENV, generate

GENERATED_PREFIX = "generated/"
log = logging.getLogger("mkdocs.hooks.ketnghia")
_command = {"name": None, "watching": False}
READS = {"opened", "closed_no_write"}  # watchdog's event types for a file read, not changed
SETTLE_S = 0.1  # an editor's save is several events (write, rename, metadata): wait for the last
_lifted: dict = {}  # page source -> HTML blocks set aside while Markdown runs


def on_startup(command, dirty):
    _command["name"] = command


def on_config(config):
    config.repo_url = urls.REPOSITORY
    config.repo_name = urls.REPOSITORY.split("github.com/")[-1]
    config.edit_uri = f"edit/{urls.BRANCH}/docs/"
    return config


def _records() -> Path:
    return Path(os.environ.get(RECORDS_ENV) or RECORDS)


def _regenerate(records: Path, out: Path) -> None:
    outcome = generate(records, out)
    if outcome.errors:
        for diagnostic in outcome.errors:
            log.warning(diagnostic.text())
        log.warning("Hồ sơ còn lỗi: giữ nguyên các trang đã sinh trước đó.")
    elif outcome.written:
        changes = outcome.changes
        log.info(f"Đã sinh lại các trang từ hồ sơ: ghi {changes.written} tệp, xoá {changes.removed} tệp.")


def on_pre_build(config):
    # Only the first build of `mkdocs serve` (run by hand; `generator serve` has generated
    # already): after it, on_serve's watcher regenerates, and the builds only read the pages.
    if _command["name"] == "serve" and not _command["watching"]:
        _regenerate(_records(), GENERATED)


def _regenerate_on_change(changed: threading.Event, records: Path, out: Path) -> None:
    while True:  # a daemon thread: it ends with `mkdocs serve`
        changed.wait()
        changed.clear()
        while changed.wait(SETTLE_S):
            changed.clear()
        try:
            _regenerate(records, out)
        except Exception:  # logged, and the next save tries again: serving goes on
            log.exception("Không sinh lại được các trang")


def on_serve(server, config, builder):
    """Watch records/ here rather than in mkdocs.yml: the pages are regenerated as soon as a
    record changes, and MkDocs sees only the generated files that changed."""
    records, changed = _records(), threading.Event()

    def on_any_event(event) -> None:
        # MkDocs' observer polls and sees changes only; a native one also reports reads,
        # and validation reads every record: those must not regenerate again.
        if not event.is_directory and event.event_type not in READS:
            changed.set()

    handler = FileSystemEventHandler()
    handler.on_any_event = on_any_event
    server.observer.schedule(handler, str(records), recursive=True)
    threading.Thread(target=_regenerate_on_change, args=(changed, records, GENERATED), daemon=True).start()
    _command["watching"] = True
    return server


def on_files(files, config):
    for file in files:
        if file.src_uri.startswith(GENERATED_PREFIX):
            file.dest_uri = file.dest_uri[len(GENERATED_PREFIX) :]
            for cached in ("url", "abs_dest_path"):
                file.__dict__.pop(cached, None)
    return files


def on_page_markdown(markdown, page, config, files):
    if not page.file.src_uri.startswith(GENERATED_PREFIX):
        return markdown
    source = page.meta.get("source")
    page.edit_url = f"{urls.REPOSITORY}/edit/{urls.BRANCH}/{source}" if source else None
    markdown, _lifted[page.file.src_uri] = lifted_blocks.lift(markdown)
    return markdown


def on_post_page(output, page, config):
    return lifted_blocks.restore(output, _lifted.pop(page.file.src_uri, []))


def on_post_build(config):
    search_index.rewrite(Path(config.site_dir))
