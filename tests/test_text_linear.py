"""Hostile text is checked in time linear in its length. Each text here makes a
backtracking pattern retry from every character; with the earlier patterns each took
minutes. The findings say the checks still looked at the whole text."""
from __future__ import annotations

import pytest

from generator.loader import Document
from generator.rules import text

N = 100_000
HOSTILE = {
    "at-then-letters": ("@" + "a" * N, set()),
    "digits-then-email": ("1" * N + " ban.a@example.org", {"PRIVACY_EMAIL"}),
    "dotted-then-at": ("a." * N + "@", set()),
    "runs-of-at": ("a@" * N, set()),
    "lt-spaces-script": ("<" + " " * N + "script", {"TEXT_MARKUP"}),
    "lt-spaces-letter": ("< " * N + "<b>", {"TEXT_MARKUP"}),
    "unclosed-tags": ("<x" * N, set()),
    "on-words": ("onx" * N + " onload=", {"TEXT_MARKUP"}),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_is_checked_to_its_end(name):
    value, codes = HOSTILE[name]
    doc = Document("x.yaml", {"title": "t", "description": value}, {})
    assert {d.code for d in text.check_document(doc)} == codes


def test_email_and_markup_still_found():
    for value, code in (("liên hệ: ho.ten+1@mail.example.vn.", "PRIVACY_EMAIL"), ("a <b >c", "TEXT_MARKUP"),
                        ("< / iframe", "TEXT_MARKUP"), ("<!-- x -->", "TEXT_MARKUP"), ("2 < 3", None)):
        doc = Document("x.yaml", {"title": value}, {})
        assert [d.code for d in text.check_document(doc)] == ([code] if code else []), value
