"""Shared fixtures."""
import pytest

from support import build_tree


@pytest.fixture
def record_tree(tmp_path):
    """A valid records tree; returns its records/ folder."""
    return build_tree(tmp_path)
