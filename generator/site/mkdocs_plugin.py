"""The MkDocs plugin `ketnghia` (mkdocs.yml `plugins:`, registered by the package's entry point).

- Generated pages live in docs/generated/ (git-ignored, apart from hand-written pages)
  but are served from the site root: /dia-ban/… rather than /generated/dia-ban/….
- A generated page's edit button opens the YAML record behind it.
- The search index gets folded words so that "phuoc chanh" finds "Phước Chánh"
  (the plugin is listed after `search`, so the index is written when it runs).
- Big generated tables skip Python-Markdown and the search parser (lifted_blocks).
- While serving, a change under records/ regenerates the pages; files are rewritten
  only when their content changed, so the rebuild does not loop.
The project is the folder of the mkdocs.yml being built, never the plugin's own.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.base import LegacyConfig
from mkdocs.plugins import BasePlugin

from ..project import Project
from . import lifted_blocks, search_index, urls
from .pipeline import RECORDS_ENV, generate

GENERATED_PREFIX = "generated/"
log = logging.getLogger("mkdocs.plugins.ketnghia")


# No options of its own: LegacyConfig is what an unparameterised BasePlugin uses at run time.
class LedgerPlugin(BasePlugin[LegacyConfig]):
    def __init__(self) -> None:
        self.command: str | None = None
        self.lifted: dict[str, list[str]] = {}  # page source -> HTML blocks set aside while Markdown runs

    def on_startup(self, *, command, dirty):
        self.command = command

    def on_config(self, config):
        config.repo_url = urls.REPOSITORY
        config.repo_name = urls.REPOSITORY.split("github.com/")[-1]
        config.edit_uri = f"edit/{urls.BRANCH}/docs/"
        return config

    def on_pre_build(self, *, config):
        if self.command != "serve":
            return
        project = Project(Path(config.config_file_path).resolve().parent)
        records = Path(os.environ.get(RECORDS_ENV) or project.records)
        generated = Path(config.docs_dir) / "generated"
        outcome = generate(records, generated, known=(generated,))
        if outcome.errors:
            for diagnostic in outcome.errors:
                log.warning(diagnostic.text())
            log.warning("Hồ sơ còn lỗi: giữ nguyên các trang đã sinh trước đó.")
        elif outcome.written:
            log.info("Đã sinh lại các trang từ hồ sơ.")

    def on_files(self, files, *, config):
        for file in files:
            if file.src_uri.startswith(GENERATED_PREFIX):
                file.dest_uri = file.dest_uri[len(GENERATED_PREFIX) :]
                for cached in ("url", "abs_dest_path"):
                    file.__dict__.pop(cached, None)
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        if not page.file.src_uri.startswith(GENERATED_PREFIX):
            return markdown
        source = page.meta.get("source")
        page.edit_url = f"{urls.REPOSITORY}/edit/{urls.BRANCH}/{source}" if source else None
        markdown, self.lifted[page.file.src_uri] = lifted_blocks.lift(markdown)
        return markdown

    def on_post_page(self, output, *, page, config):
        return lifted_blocks.restore(output, self.lifted.pop(page.file.src_uri, []))

    def on_post_build(self, *, config):
        search_index.rewrite(Path(config.site_dir))
