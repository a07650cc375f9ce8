"""Fixtures for the readers' tests: each sample's pack, built once per test session."""

from __future__ import annotations

import pytest

from summarygen import load_record
from summarygen.pack import Pack, build_pack

from ..conftest import SAMPLE_DOCUMENTS, SAMPLES

__all__ = ["SAMPLES", "SAMPLE_DOCUMENTS", "sample_packs"]


@pytest.fixture(scope="session")
def sample_packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Pack]:
    """Sample name (file stem) -> its built pack (files and the build's own checks)."""
    out = tmp_path_factory.mktemp("sample-packs")
    return {sample.stem: build_pack(load_record(sample), out) for sample in SAMPLES}
