"""A copy of the child-m sample to edit, and the edits the preview tests make to it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..conftest import ROOT

SAMPLE = ROOT / "samples" / "child-m.yaml"

HARD_SENTENCE = (
    "We wanted to find\n    out how the people meant to keep him safe could have helped more."
)
"""A sentence of the children's version the children profile flags as hard (17 words)."""
SHORTER = "We wanted to learn\n    how people could help more."
HARD_SENTENCE_TEXT = " ".join(HARD_SENTENCE.split())


def edited(text: str, old: str, new: str) -> str:
    assert old in text, f"the sample no longer holds {old!r}"
    return text.replace(old, new, 1)


@pytest.fixture
def record(tmp_path: Path) -> Path:
    """A copy of samples/child-m.yaml in a folder of its own."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    copy = folder / "child-m.yaml"
    shutil.copy(SAMPLE, copy)
    return copy
