"""The MkDocs plugin `ketnghia` (mkdocs.yml `plugins:`, registered by the package's entry point).

A convenience, not what makes the site: `ketnghia generate` writes the folder MkDocs builds
(build/docs/) with every page at its final path, its edit link in its front matter and the
search index as static files, so MkDocs, ProperDocs or Zensical build the site without it.
What it adds:
- the repository the pages link to, the checkout's own (on_config);
- big generated tables skip Python-Markdown (lifted_blocks): a faster build, the same pages;
- while serving, a change under records/ regenerates the pages, outside MkDocs' build
  (on_serve): only the files whose content changed are rewritten, and those wake MkDocs
  for one rebuild. Generating inside the build woke it a second time. `ketnghia serve`
  asks for dirty rebuilds: only the pages whose files changed are built again.
The project is the folder of the mkdocs.yml being built, never the plugin's own.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.base import LegacyConfig
from mkdocs.plugins import BasePlugin
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from .pipeline import RECORDS_ENV, generate
from .project import Project
from .site import lifted_blocks
from .site.writer import CannotWrite, NotOurs
from .view.repository import repository_url

RECORDS_POLL_S = 0.1  # serve: how often records/ is looked at for a saved record
SETTLE_S = 0.1  # an editor's save is several events (write, rename, metadata): wait for the last
log = logging.getLogger("mkdocs.plugins.ketnghia")


# No options of its own: LegacyConfig is what an unparameterised BasePlugin uses at run time.
class LedgerPlugin(BasePlugin[LegacyConfig]):
    def __init__(self) -> None:
        self.command: str | None = None
        self.watching = False  # serve: records/ is watched, the pages regenerated on a save
        self.lifted: dict[str, list[str]] = {}  # page source -> HTML blocks set aside while Markdown runs
        self.repository = ""  # the checkout's own, set in on_config (generator/view/repository.py)
        self.observer: PollingObserver | None = None  # serve: watches records/

    def on_startup(self, *, command, dirty):
        self.command = command

    def on_config(self, config):
        self.repository = repository_url(Path(config.config_file_path or ".").parent, fallback=config.repo_url or "")
        if self.repository:
            config.repo_url = self.repository
            config.repo_name = "/".join(self.repository.split("/")[-2:])
        return config

    def on_pre_build(self, *, config):
        # Only the first build of `mkdocs serve` run by hand (`ketnghia serve` has generated
        # already): after it, on_serve's watcher regenerates, and the builds only read the pages.
        if self.command == "serve" and not self.watching:
            records, docs, out = _sources(config)
            _regenerate(records, out, docs)

    def on_serve(self, server, *, config, builder):
        """Watch records/ here rather than in mkdocs.yml: the pages are regenerated as soon as a
        record changes, and MkDocs sees only the generated files that changed."""
        records, docs, out = _sources(config)
        changed = threading.Event()
        # An observer of its own, looking more often than MkDocs' (every 0.5 s): a few hundred
        # records take a millisecond to look at, and a save is seen sooner. The hand-written
        # pages (docs/) are copied into the folder MkDocs builds by the same regeneration.
        self.observer = PollingObserver(timeout=RECORDS_POLL_S)
        for folder in (records, docs) if docs.is_dir() else (records,):
            self.observer.schedule(_AnyChange(changed.set), str(folder), recursive=True)
        self.observer.start()
        threading.Thread(target=_regenerate_on_change, args=(changed, records, docs, out), daemon=True).start()
        self.watching = True
        return server

    def on_shutdown(self):
        if self.observer is not None:
            self.observer.stop()

    def on_page_markdown(self, markdown, *, page, config, files):
        markdown, self.lifted[page.file.src_uri] = lifted_blocks.lift(markdown)
        return markdown

    def on_post_page(self, output, *, page, config):
        return lifted_blocks.restore(output, self.lifted.pop(page.file.src_uri, []))


class _AnyChange(FileSystemEventHandler):
    """A file below records/ (or docs/) written, made, moved or removed. The observer polls and sees
    changes only; a native one also reports reads, and validation reads every record."""

    READS = frozenset({"opened", "closed_no_write"})

    def __init__(self, notify: Callable[[], None]) -> None:
        self.notify = notify

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory and event.event_type not in self.READS:
            self.notify()


def _sources(config) -> tuple[Path, Path, Path]:
    """(records, hand-written pages, the folder MkDocs builds) of the project whose mkdocs.yml is being built."""
    project = Project(Path(config.config_file_path).resolve().parent)
    return Path(os.environ.get(RECORDS_ENV) or project.records), project.docs, Path(config.docs_dir)


def _regenerate(records: Path, out: Path, docs: Path | None = None) -> None:
    try:
        outcome = generate(records, out, known=(out,), waiting=log.info, docs=docs)
    except (CannotWrite, NotOurs) as failure:  # a full disk, a hand-written page at a generated path…
        log.error(str(failure))
        return
    if outcome.errors:
        for diagnostic in outcome.errors:
            log.warning(diagnostic.text())
        log.warning("Hồ sơ còn lỗi: giữ nguyên các trang đã sinh trước đó.")
    elif outcome.written:
        changes = outcome.changes
        log.info(f"Đã sinh lại các trang từ hồ sơ: ghi {changes.written} tệp, xoá {changes.removed} tệp.")


def _regenerate_on_change(changed: threading.Event, records: Path, docs: Path, out: Path) -> None:
    while True:  # a daemon thread: it ends with `mkdocs serve`
        changed.wait()
        changed.clear()
        while changed.wait(SETTLE_S):
            changed.clear()
        try:
            _regenerate(records, out, docs)
        except Exception:  # logged, and the next save tries again: serving goes on
            log.exception("Không sinh lại được các trang")
