"""The site and the digest of the sample records, each built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from summarygen.digest import Digest, build_digest
from summarygen.record import load_record
from summarygen.site import Site, build_site

from ..conftest import SAMPLES


@pytest.fixture(scope="session")
def samples_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The site of the samples folder, as `summarygen site samples -o site` makes it."""
    records = tmp_path_factory.mktemp("records")
    for sample in SAMPLES:
        shutil.copy(sample, records / sample.name)
    return build_site(records, tmp_path_factory.mktemp("public") / "site")


@pytest.fixture(scope="session")
def samples_digest(tmp_path_factory: pytest.TempPathFactory) -> Digest:
    """The digest of every sample record, in all three formats."""
    out = tmp_path_factory.mktemp("digest-out") / "digest"
    return build_digest([load_record(sample) for sample in SAMPLES], out)


def site_files(site: Site) -> list[Path]:
    return sorted(path for path in site.folder.rglob("*") if path.is_file())
