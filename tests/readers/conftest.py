"""Fixtures for the readers' tests: each sample's pack, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarygen import load_record
from summarygen.pack import Pack, build_pack

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


@pytest.fixture(scope="session")
def sample_packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Pack]:
    """Sample name (file stem) -> its built pack (files and the build's own checks)."""
    out = tmp_path_factory.mktemp("sample-packs")
    return {sample.stem: build_pack(load_record(sample), out) for sample in SAMPLES}
