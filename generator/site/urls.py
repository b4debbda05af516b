"""Where each page lives on the site, and links between pages.

Pages are written as `<path>/index.md`; MkDocs serves them at `<path>/`. Links are
written as final relative URLs so that they also work inside HTML blocks, which MkDocs
does not rewrite. The repository is named here once: mkdocs.yml gets it from the hook.
"""

from __future__ import annotations

from ..registry import TYPES

BRANCH = "main"
# The repository the pages link to: the project's own (generator/site/repository.py), set
# once per site model (generator/site/model.py build_site) before any page is rendered.
_repository = {"url": ""}


def use_repository(url: str) -> None:
    _repository["url"] = url.rstrip("/")

# record type -> the folder of its pages (generator/registry.py)
SECTIONS = {name: t.section for name, t in TYPES.items() if t.section}
HOME = ""
ACTIVITIES = "hoat-dong"
ACTIVITY_INDEX = f"{ACTIVITIES}/"
CATEGORIES = "hoat-dong/noi-dung"
COVERAGE = "do-phu/"
QUALITY = "chat-luong-du-lieu/"
OPEN_DATA = "du-lieu-mo/"  # the downloads, and the page that lists them


def entity(record_type: str, record_id: str) -> str:
    return f"{SECTIONS[record_type]}/{record_id}/"


def section(record_type: str) -> str:
    return f"{SECTIONS[record_type]}/"


def paged(url: str, number: int) -> str:
    """Page `number` of a listing or an index that runs over several pages. "trang/N/" below
    the first page: no record id can clash with it, since ids hold no "/"."""
    return url if number == 1 else f"{url}trang/{number}/"


def partnership_year(partnership_id: str, year: str) -> str:
    """A partnership's activities of one year, when its timeline is long."""
    return f"{entity('partnership', partnership_id)}nam-{year}/"


def activity_list(year: str, category: str) -> str:
    return f"{ACTIVITIES}/{year}/{category}/"


def year_page(year: str) -> str:
    return f"{ACTIVITIES}/{year}/"


def category_page(category: str) -> str:
    return f"{CATEGORIES}/{category}/"


def source_file(url: str) -> str:
    """Markdown file that MkDocs serves at `url`: every page is a folder's index.md,
    so "dia-ban/x/" -> "dia-ban/x/index.md" and the home page is "index.md"."""
    return url.split("#")[0] + "index.md"


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at from_url to to_url, both relative to the site root."""
    depth = from_url.count("/")
    return ("../" * depth + to_url) or "./"


def yaml_url(repo_path: str) -> str:
    """The YAML file in the repository, as people can read it on GitHub ("" when no repository is known)."""
    return f"{_repository['url']}/blob/{BRANCH}/{repo_path}" if _repository["url"] else ""


def folder_url(repo_path: str) -> str:
    """A folder of YAML files, for pages drawn from many records."""
    return f"{_repository['url']}/tree/{BRANCH}/{repo_path}" if _repository["url"] else ""
