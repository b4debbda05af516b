"""The MkDocs plugin `ketnghia` (mkdocs.yml `plugins:`, registered by the package's entry point).

A convenience, not what makes the site: `ketnghia generate` writes the folder MkDocs builds
(build/docs/) with every page at its final path, its edit link and data date in its front
matter and the search index as static files, so MkDocs, ProperDocs or Zensical build the
site without it. What it adds:
- its options (quiet_days, quiet_until, language), checked as MkDocs checks options, and the
  repository the pages link to, the checkout's own (on_config);
- each page's counterpart in the other language, for the language switch (editions.py);
- big generated tables skip Python-Markdown (lifted_blocks): a faster build, the same pages;
- the pages, the 404 page among them, are sent without the templates' blank lines and
  indentation (blank_lines);
- under `ketnghia build`, a run that builds one part of the pages (build_parts.py): the
  other parts' pages are neither read (the nav's and the hand-written ones apart) nor
  written, the static files copied by one part only;
- while serving, a change under records/ or docs/ regenerates the pages, outside MkDocs' build
  (on_serve): only the files whose content changed are rewritten, files whose bytes did
  not change are not parsed again, and the plugin wakes MkDocs for one rebuild at once
  rather than leaving its watch of the built folder (every 0.5 s) to find the changed files.
  `ketnghia serve` asks for dirty rebuilds: only the pages whose files changed are built
  again, their templates compiled once for the whole session.
The project is the folder of the mkdocs.yml being built, never the plugin's own.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import InclusionLevel
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from .pipeline import RECORDS_ENV, generate
from .project import Project
from .site import blank_lines, build_parts, editions, interface, lifted_blocks
from .site.docs_folder import Read
from .site.writer import CannotWrite, NotOurs
from .validate import Reuse
from .view.config import LedgerConfig, context_of, moved_options
from .view.context import Context

RECORDS_POLL_S = 0.1  # serve: how often records/ is looked at for a saved record
# An editor's save is several events (write, rename, metadata), nearly always found at one look:
# a short wait for more; a save whose events fall across two looks costs one more regeneration.
SETTLE_S = 0.05
BURST_S = 0.02  # serve: MkDocs' wait for more changes once one is seen (its own is 0.1 s)
log = logging.getLogger("mkdocs.plugins.ketnghia")
# The template of a page another part writes: nothing rendered, nothing written. A template
# itself, not a name, which a page's front matter could give too.
_NOTHING = jinja2.Template("")


# Its options (quiet_days, quiet_until, language) are checked by MkDocs as it loads the plugin:
# a bad value stops the build, saying which and what to write (generator/view/config.py).
class LedgerPlugin(BasePlugin[LedgerConfig]):
    def __init__(self) -> None:
        self.command: str | None = None
        self.watching = False  # serve: records/ is watched, the pages regenerated on a save
        self.lifted: dict[str, list[str]] = {}  # page source -> HTML blocks set aside while Markdown runs
        self.context = Context()  # the project's, found in on_config: what the pages are rendered for
        self.observer: PollingObserver | None = None  # serve: watches records/
        self.compiled = _Compiled()  # serve: the theme's templates, compiled at the first build
        self.page_urls: set[str] = set()  # every page's address, set in on_nav
        self.part: build_parts.Part | None = None  # the part of the pages this run builds, if one
        self.elsewhere: set[str] = set()  # the pages (source paths) other parts write
        self.unread: set[str] = set()  # those of them neither in the nav nor hand-written: not even read here

    def on_startup(self, *, command, dirty):
        self.command = command

    @event_priority(-50)  # after Material's own plugins
    def on_config(self, config):
        moved = moved_options(config.extra)
        if moved:
            raise PluginError(moved)
        self.context = context_of(Path(config.config_file_path or ".").parent, config.site_name,
                                  config.site_description, config.repo_url, self.config)
        repository = self.context.identity.repository
        if repository:
            config.repo_url = repository
            config.repo_name = "/".join(repository.split("/")[-2:])
        interface.configure(config, self.context.language)
        # Only a build is cut into parts: a preview (serve) shows every page, whatever the shell says.
        try:
            self.part = build_parts.of_environment(os.environ.get(build_parts.ENV)) if self.command == "build" else None
        except ValueError as error:
            raise PluginError(str(error)) from None
        if self.part:
            logging.getLogger("mkdocs.commands.build").addFilter(self._not_skipped)
        return config

    def on_pre_build(self, *, config):
        # Only the first build of `mkdocs serve` run by hand (`ketnghia serve` has generated
        # already): after it, on_serve's watcher regenerates, and the builds only read the pages.
        if self.command == "serve" and not self.watching:
            records, docs, out = _sources(config)
            _regenerate(records, out, self.context, docs=docs)

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
        wake = _rebuild_at_once(server, out)
        threading.Thread(target=_regenerate_on_change, args=(changed, records, out, self.context, wake, docs),
                         daemon=True).start()
        self.watching = True
        return server

    def on_env(self, env, *, config, files):
        # Each rebuild makes a new environment and compiled the theme's templates again (0.3 s):
        # while serving, what was compiled is kept, and used again while its source is the same.
        if self.command == "serve":
            env.bytecode_cache = self.compiled
        if self.part:
            # Once every page has linked to them: the static files are left out of MkDocs' copy,
            # the generated ones linked into place by one part, the theme's copied by it.
            docs = os.path.join(os.path.abspath(config.docs_dir), "")
            # A file the theme's pages (404.html, sitemap.xml and its .gz) or mkdocs.yml's are
            # written over once copied: copied, as in one run, so that they never write into a link.
            templates = {*config.theme.static_templates, *config.extra_templates}
            written_over = templates | {f"{name}.gz" for name in templates}
            folders: set[str] = set()  # made already, in the site
            for file in files:
                if file.is_documentation_page() or not file.inclusion.is_included():
                    continue
                if not self.part.copies_static:
                    file.inclusion = InclusionLevel.EXCLUDED
                elif file.abs_src_path and file.abs_src_path.startswith(docs) and file.dest_uri not in written_over:
                    build_parts.link(file.abs_src_path, file.abs_dest_path, folders)
                    file.inclusion = InclusionLevel.EXCLUDED
        return env

    def on_shutdown(self):
        if self.observer is not None:
            self.observer.stop()

    def on_page_markdown(self, markdown, *, page, config, files):
        markdown, self.lifted[page.file.src_uri] = lifted_blocks.lift(markdown)
        return markdown

    def on_nav(self, nav, *, config, files):
        # Which pages exist, for each page's counterpart in the other language (editions.py).
        self.page_urls = {file.url for file in files.documentation_pages()}
        if self.part:
            pages = {file.src_uri: file for file in files.documentation_pages()}
            static = sum(1 for file in files if not file.is_documentation_page())
            self.elsewhere = pages.keys() - self.part.own(pages, static)
            # Read here all the same: the nav's pages, for what the nav shows of them, and the
            # hand-written ones, whose Markdown links to anchors are checked by the part that
            # renders the page linked to (the generated pages link in HTML, checked in no build).
            hand_written = _sources(config)[1]
            read = {page.file.src_uri for page in nav.pages}
            read |= {src_uri for src_uri in self.elsewhere if (hand_written / src_uri).is_file()}
            self.unread = self.elsewhere - read
            for src_uri in self.unread:
                pages[src_uri].content_string = ""  # its part reads it
        return nav

    def on_page_content(self, html, *, page, config, files):
        if page.file.src_uri in self.elsewhere:
            page.meta["template"] = _NOTHING
            if page.file.src_uri in self.unread:
                page.present_anchor_ids = None  # not rendered here: MkDocs skips links to its anchors
        return html

    def on_page_context(self, context, *, page, config, nav):
        if page.file.src_uri in self.elsewhere:
            return context
        context.update(editions.page_context(page.url, self.page_urls, config.extra.get("alternate") or [], nav))
        page.content = editions.headings_titled(page.content or "", page.url)
        return context

    def on_post_page(self, output, *, page, config):
        lifted = self.lifted.pop(page.file.src_uri, [])
        if page.file.src_uri in self.elsewhere:
            return output
        return blank_lines.compact(lifted_blocks.restore(output, lifted))

    def on_post_template(self, output_content, *, template_name, config):
        # The theme's own pages: the 404 page is a page like the others; the sitemap is no HTML.
        return blank_lines.compact(output_content) if template_name.endswith(".html") else output_content

    def _not_skipped(self, record: logging.LogRecord) -> bool:
        # MkDocs says "Page skipped" of each page another part writes: for those, said for nothing.
        # "Page skipped: '<source path>'. Generated empty output.": the path may hold a quote itself.
        message = record.getMessage()
        prefix = "Page skipped: '"
        return not (message.startswith(prefix) and message[len(prefix):].rpartition("'. ")[0] in self.elsewhere)


class _AnyChange(FileSystemEventHandler):
    """A file below the watched folder written, made, moved or removed. The observer polls and
    sees changes only; a native one also reports reads, and validation reads every record."""

    READS = frozenset({"opened", "closed_no_write"})

    def __init__(self, notify: Callable[[], None]) -> None:
        self.notify = notify

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not (event.is_directory or event.event_type in self.READS):
            self.notify()


class _Compiled(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the next build; Jinja compiles a template again
    when its source changed (the bucket's checksum)."""

    def __init__(self) -> None:
        self.stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.stored:
            bucket.bytecode_from_string(self.stored[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.stored[bucket.key] = bucket.bytecode_to_string()


def _rebuild_at_once(server, docs: Path) -> Callable[[], None] | None:
    """A function that has MkDocs rebuild now, as its watch does when it finds a changed file,
    and MkDocs' watch of `docs`, the folder the generator writes, ended: the regenerated files are
    not waited for (MkDocs looks every 0.5 s), nor built twice, and the folder's thousands of
    files are not looked at every 0.5 s, in turns with the regeneration. None, and MkDocs' watch
    left as it is, when the server is not the LiveReloadServer of MkDocs 1.6 whose parts this uses."""
    docs_path = os.path.abspath(docs)  # as MkDocs' watch names it
    if not (hasattr(server, "_rebuild_cond") and hasattr(server, "_want_rebuild")
            and docs_path in getattr(server, "_watched_paths", {})):
        return None

    def wake() -> None:
        with server._rebuild_cond:
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    # MkDocs waits this long after a change for more (0.1 s): what its observer finds at one look
    # comes in one burst, and the regenerated files are all written before the wake.
    server.build_delay = min(getattr(server, "build_delay", BURST_S), BURST_S)
    server.unwatch(docs_path)
    return wake


def _sources(config) -> tuple[Path, Path, Path]:
    """(records, hand-written pages, the folder MkDocs builds) of the project whose mkdocs.yml is being built."""
    project = Project(Path(config.config_file_path).resolve().parent)
    return Path(os.environ.get(RECORDS_ENV) or project.records), project.docs, Path(config.docs_dir)


def _regenerate(records: Path, out: Path, context: Context, reuse: Reuse | None = None,
                docs: Path | None = None, read: Read | None = None) -> bool:
    """Generate the pages from `records` (and copy those of `docs`) into `out`; whether any file changed."""
    try:
        outcome = generate(records, out, context, known=(out,), waiting=log.info, reuse=reuse, docs=docs, read=read)
    except (CannotWrite, NotOurs) as failure:  # a full disk, a hand-written page at a generated path…
        log.error(str(failure))
        return False
    if outcome.errors:
        for diagnostic in outcome.errors:
            log.warning(diagnostic.text())
        log.warning("Hồ sơ còn lỗi: giữ nguyên các trang đã sinh trước đó.")
    elif outcome.written:
        changes = outcome.changes
        log.info(f"Đã sinh lại các trang từ hồ sơ: ghi {changes.written} tệp, xoá {changes.removed} tệp.")
    return bool(outcome.written)


def _primed(records: Path, out: Path, context: Context, wake: Callable[[], None] | None = None,
            docs: Path | None = None) -> tuple[Reuse, Read]:
    """What a save finds of the last one: the files checked (an edit parses the edited file only)
    and the pages read for the search index (only those it changed are read again). Made now by
    one quiet generation, so that the first save is as quick as the next."""
    reuse, read = Reuse(), Read()
    try:
        outcome = generate(records, out, context, known=(out,), waiting=log.info, reuse=reuse, docs=docs, read=read)
    except (CannotWrite, NotOurs) as failure:  # another run held the folder too long, a full disk…
        log.error(str(failure))
        return Reuse(), Read()
    except Exception:  # logged, and the first save tries again
        log.exception("Không sinh lại được các trang")
        return Reuse(), Read()
    if outcome.written and wake:
        wake()
    return reuse, read


def _regenerate_on_change(changed: threading.Event, records: Path, out: Path, context: Context,
                          wake: Callable[[], None] | None = None, docs: Path | None = None) -> None:
    reuse, read = _primed(records, out, context, wake, docs)
    while True:  # a daemon thread: it ends with `mkdocs serve`
        changed.wait()
        changed.clear()
        while changed.wait(SETTLE_S):
            changed.clear()
        try:
            if _regenerate(records, out, context, reuse, docs, read) and wake:
                wake()
        except Exception:  # logged, and the next save tries again: serving goes on
            log.exception("Không sinh lại được các trang")
