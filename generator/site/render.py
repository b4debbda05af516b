"""The pure step: validated records in, {path: content} out. No clock, no disk writes."""

from __future__ import annotations

import gc
from pathlib import Path

from .downloads import FOLDER, downloads
from .model import Site, build_site
from .pages import activities, coverage, documents, home, localities, opendata, partnerships, quality, sponsors

SECTIONS = (home, localities, sponsors, partnerships, activities, documents, coverage, quality, opendata)


def render_files(site: Site) -> dict[str, bytes]:
    # Sections yield their pages one at a time: each body is encoded and dropped as it comes,
    # instead of a whole section's text (twice its bytes, Vietnamese being UCS-2) held at once.
    files = {page.path: page.text().encode("utf-8") for section in SECTIONS for page in section.pages(site)}
    files.update({f"{FOLDER}/{name}": data for name, data in downloads(site).items()})
    return dict(sorted(files.items()))


def render_site(result, records_root: Path) -> dict[str, bytes]:
    """Every generated file, by its path below the generated folder, as bytes."""
    # Rendering makes hundreds of thousands of short strings and no reference cycles; the
    # cycle collector would only walk the whole validated ledger again and again (~15%).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return render_files(build_site(result, records_root))
    finally:
        if collecting:
            gc.enable()
