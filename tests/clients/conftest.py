"""Real clients (LibreOffice, Chromium with axe-core, PDF tools) open the sample packs.

Every test module here sets ``pytestmark = pytest.mark.client``: `pytest -m "not client"`
runs the fast suite alone; CI always runs everything. Each sample pack is built once per
test session.
"""

from __future__ import annotations

import pytest

from summarygen import Pack, build_pack, load_record

from ..conftest import SAMPLES


@pytest.fixture(scope="session")
def sample_packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Pack]:
    """Both sample packs, all documents in all formats, by sample name (``child-m``)."""
    out = tmp_path_factory.mktemp("client-packs")
    return {sample.stem: build_pack(load_record(sample), out) for sample in SAMPLES}
