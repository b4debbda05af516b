"""Helpers for the browser tests (imported as `browser_support`: tests/ has a conftest too)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 640}  # a small phone, portrait


@dataclass
class Watch:
    """What one page did: requests made, and everything that went wrong."""

    base_url: str
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def local(self, url: str) -> bool:
        scheme = urlsplit(url).scheme
        return scheme in ("data", "blob", "about") or url.startswith(self.base_url)

    def on_request(self, request) -> None:
        self.requests.append(request.url)
        if not self.local(request.url):
            self.problems.append(f"request to another host: {request.url}")

    def on_response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def on_request_failed(self, request) -> None:
        # Leaving a page cancels what it still loads (the search index, a download started
        # by a click): net::ERR_ABORTED is not a failure of the site. HTTP errors are
        # caught by on_response, other hosts by on_request.
        failure = request.failure or ""
        if "ERR_ABORTED" not in failure and self.local(request.url):
            self.problems.append(f"request failed ({failure}): {request.url}")

    def on_console(self, message) -> None:
        if message.type == "error":
            self.problems.append(f"console error on {message.page.url if message.page else '?'}: {message.text}")

    def on_page_error(self, error) -> None:
        self.problems.append(f"uncaught exception: {error}")


class Site:
    """Opens watched pages of the served site; each test gets its own."""

    def __init__(self, browser, base_url: str):
        self.browser = browser
        self.base_url = base_url
        self.watches: list[Watch] = []
        self.contexts = []

    def url(self, path: str = "") -> str:
        return self.base_url + path.lstrip("/")

    def path(self, url: str) -> str:
        """'http://127.0.0.1:1234/dia-ban/x/#a' -> 'dia-ban/x/#a'."""
        assert url.startswith(self.base_url), url
        return url[len(self.base_url) :]

    def new_page(self, viewport: dict = DESKTOP, **context_options):
        context = self.browser.new_context(viewport=viewport, locale="vi-VN", **context_options)
        self.contexts.append(context)
        watch = Watch(self.base_url)
        self.watches.append(watch)
        # Nothing may leave the machine: another host is recorded (on_request), then refused.
        context.route(re.compile(r"^(?!" + re.escape(self.base_url) + r")https?://"), lambda route: route.abort())
        page = context.new_page()
        page.on("request", watch.on_request)
        page.on("response", watch.on_response)
        page.on("requestfailed", watch.on_request_failed)
        page.on("console", watch.on_console)
        page.on("pageerror", watch.on_page_error)
        return page

    def open(self, path: str = "", viewport: dict = DESKTOP, **context_options):
        page = self.new_page(viewport, **context_options)
        response = page.goto(self.url(path))
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        return page

    def problems(self) -> list[str]:
        return [problem for watch in self.watches for problem in watch.problems]

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def heading(page) -> str:
    """The page's h1 without its permalink mark."""
    return page.locator("article h1").first.evaluate(
        "h => Array.from(h.childNodes).filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('').trim()"
    )


def vi_number(text: str) -> float | None:
    """'1.234.567' -> 1234567, '6,5%' -> 6.5, '' -> None (what sort-tables.js compares)."""
    text = text.replace("đồng", "").strip()
    if not re.fullmatch(r"-?\d{1,3}(\.\d{3})*(,\d+)?%?|-?\d+(,\d+)?%?", text):
        return None
    return float(text.replace(".", "").replace(",", ".").rstrip("%"))
