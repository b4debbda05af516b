"""The guard itself: a page that errs, asks another host or misses a file is reported.
(Otherwise every other browser test could pass with the watch silently broken.)"""

from __future__ import annotations

from browser_support import Site


def test_the_watch_reports_errors_failed_requests_and_other_hosts(browser, base_url):
    opened = Site(browser, base_url)
    try:
        page = opened.open("")
        page.evaluate("console.error('lỗi thử')")
        page.evaluate("setTimeout(() => { throw new Error('ngoại lệ thử') }, 0)")
        page.evaluate("fetch('https://example.org/khong-duoc-goi').catch(() => null)")
        page.evaluate("fetch('khong-co-tep-nay.json').catch(() => null)")
        page.wait_for_timeout(300)
        problems = "\n".join(opened.problems())
    finally:
        opened.close()
    assert "console error" in problems and "lỗi thử" in problems
    assert "uncaught exception" in problems and "ngoại lệ thử" in problems
    assert "request to another host: https://example.org/khong-duoc-goi" in problems
    assert "HTTP 404" in problems and "khong-co-tep-nay.json" in problems
