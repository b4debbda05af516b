"""Proposed with 02.patch: the cheap 'nothing to report' test of rules/text.py never hides a finding."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.loader import Document
from generator.rules import text

ALPHABET = "0123456789 .-/,()+84@<>=]:[xáJavascriptONon\n\u200b\u00ad\ufeff\u00a0"


@settings(max_examples=3000)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=40), min_size=1, max_size=4))
def test_prescreen_never_hides_a_finding(values):
    # values[0] is a title; the others are both a source title and a source url.
    doc = Document("x.yaml", {"title": values[0], "sources": [{"title": v, "url": v} for v in values[1:]]}, {})
    if text._nothing_to_report(doc):
        for value in values:
            for pattern, code, _ in text._TEXT_CHECKS:
                assert pattern.search(value) is None, (code, value)
        for url in values[1:]:
            assert ":" not in url or text._SCHEME.match(url), url


@settings(max_examples=3000)
@given(st.text(alphabet="0123456789 .-/,()+84x\n", max_size=60))
def test_digit_chain_covers_phone_and_id_numbers(value):
    if text._PHONE.search(value) and "+" not in value:
        assert text._DIGIT_CHAIN.search(value), value
    if text._ID_NUMBER.search(value):
        assert text._DIGIT_CHAIN.search(value), value
