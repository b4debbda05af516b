"""MkDocs hooks (mkdocs.yml `hooks:`), loaded by file path: imports are absolute.

- Generated pages live in docs/generated/ (git-ignored, apart from hand-written pages)
  but are served from the site root: /dia-ban/… rather than /generated/dia-ban/….
- A generated page's edit button opens the YAML record behind it.
- The search index gets folded words so that "phuoc chanh" finds "Phước Chánh".
- Big generated tables skip Python-Markdown and the search parser (lifted_blocks).
- While serving, a change under records/ regenerates the pages; files are rewritten
  only when their content changed, so the rebuild does not loop.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from generator.site import lifted_blocks, search_index, urls
from generator.site.pipeline import GENERATED, RECORDS, RECORDS_ENV, generate

GENERATED_PREFIX = "generated/"
log = logging.getLogger("mkdocs.hooks.ketnghia")
_command = {"name": None}
_lifted: dict = {}  # page source -> HTML blocks set aside while Markdown runs


def on_startup(command, dirty):
    _command["name"] = command


def on_config(config):
    config.repo_url = urls.REPOSITORY
    config.repo_name = urls.REPOSITORY.split("github.com/")[-1]
    config.edit_uri = f"edit/{urls.BRANCH}/docs/"
    return config


def on_pre_build(config):
    if _command["name"] != "serve":
        return
    records = Path(os.environ.get(RECORDS_ENV) or RECORDS)
    outcome = generate(records, GENERATED)
    if outcome.errors:
        for diagnostic in outcome.errors:
            log.warning(diagnostic.text())
        log.warning("Hồ sơ còn lỗi: giữ nguyên các trang đã sinh trước đó.")
    elif outcome.written:
        log.info("Đã sinh lại các trang từ hồ sơ.")


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
