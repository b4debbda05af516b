"""The built pages lose the templates' blank lines and indentation, and nothing a reader sees."""

from __future__ import annotations

import re

from generator.site.blank_lines import compact

PAGE = """
<!doctype html>
<html lang="vi">
  <head>
    <meta name="description" content="two
        lines, spaced">
    <script>
      var a = 1;

      var b = "<b>";
    </script>
  </head>
  <body>
    <nav>
      <ul>

          <li class="md-tabs__item">
            <a href="../">
              Địa bàn
            </a>
          </li>

      </ul>
    </nav>
    <p>Hai  từ
       <em>nghiêng</em>   rồi chữ</p>
    <pre><code>  thụt lề
      <span>giữ nguyên</span>
</code></pre>
    <p>Mã <code>a
      b</code> và <kbd>Ctrl
      C</kbd></p>
    <textarea>
      dòng một
    </textarea>
    <style>
      .a { color: red; }
    </style>
  </body>
</html>
"""


_KEPT = r"<(pre|code|kbd|textarea|script|style)\b.*?</\1>"


def _shown(html: str) -> str:
    """What a browser shows outside the elements that keep their whitespace: runs of whitespace as one space."""
    return re.sub(r"\s+", " ", html).strip()


def test_blank_lines_and_indentation_between_tags_are_left_out():
    out = compact(PAGE)
    outside = re.sub(_KEPT, "<kept>", out, flags=re.S)
    assert "\n\n" not in outside and "\n <" not in outside and ">\n " not in outside
    assert '<ul>\n<li class="md-tabs__item">\n<a href="../">\nĐịa bàn\n</a>\n</li>\n</ul>' in out
    assert len(out) < len(PAGE) * 0.85


def test_what_a_reader_sees_and_what_keeps_its_whitespace_is_unchanged():
    out = compact(PAGE)
    assert _shown(out) == _shown(PAGE)  # every word, with a space where there was whitespace
    kept = [m.group(0) for m in re.finditer(_KEPT, PAGE, re.S)]
    assert len(kept) == 6  # pre holds its code
    for element in kept:
        assert element in out, element
    assert 'content="two\n        lines, spaced"' in out  # an attribute's value as written
    assert "Hai  từ\n<em>" in out  # a line break where it touches a tag, two spaces between words as written
    assert "</em>   rồi chữ" in out


def test_a_page_without_blank_lines_is_returned_as_it_is():
    page = "<p>one</p> <p>two\nthree</p>"
    assert compact(page) == page
