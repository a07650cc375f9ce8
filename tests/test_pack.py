"""Building the pack: all or nothing, and an earlier pack survives a failed build."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from summarygen import RenderError, TemplateError, load_record
from summarygen._templates import TemplateFolder
from summarygen._workers import WORKERS_VARIABLE
from summarygen.documents import documents_for
from summarygen.pack import build_pack

from .conftest import SAMPLES


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_pack_holds_every_document_in_every_format_with_readable_names(tmp_path: Path) -> None:
    record = load_record(SAMPLES[0])
    pack = build_pack(record, tmp_path)
    names = sorted(p.name for p in pack.folder.iterdir())
    review = record.review.id
    documents = [
        f"{review}-{doc}.{fmt}" for doc in documents_for(record) for fmt in ("docx", "pdf", "html")
    ]
    reports = [f"{review}-check-report.json", f"{review}-check-report.html"]
    expected = sorted(documents + reports)
    assert names == expected
    assert pack.folder == tmp_path / record.review.id
    assert [p.name for p in tmp_path.iterdir()] == [record.review.id]  # no staging left behind


def test_failed_build_leaves_the_earlier_pack_byte_identical(tmp_path: Path) -> None:
    record = load_record(SAMPLES[0])
    first = build_pack(record, tmp_path, formats=["html", "docx"])
    before = snapshot(first.folder)
    broken = tmp_path / "broken-templates"
    broken.mkdir()
    # The sixth document's template fails, after five were composed.
    (broken / "recommendations.md.j2").write_text("# Fine\n\n{{ no_such_thing }}\n")
    with pytest.raises(TemplateError, match="recommendations"):
        build_pack(record, tmp_path, templates=TemplateFolder(broken))
    assert snapshot(first.folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken-templates", record.review.id]


def test_a_writer_failing_in_a_worker_publishes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(WORKERS_VARIABLE, "2")
    record = load_record(SAMPLES[0])
    first = build_pack(record, tmp_path, formats=["html"])
    before = snapshot(first.folder)
    broken = tmp_path / "broken-templates"
    broken.mkdir()
    docx.Document().save(str(broken / "reference.docx"))  # none of our styles: DOCX fails
    with pytest.raises(RenderError, match=r"reference\.docx lacks the styles: Cover Label"):
        build_pack(record, tmp_path, templates=TemplateFolder(broken))
    assert snapshot(first.folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken-templates", record.review.id]


def test_workers_build_the_same_pack_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files, pages, words and every check and finding, merged back in the same order.
    (The PDFs differ only in their creation time, so they are compared by pages.)"""
    record = load_record(SAMPLES[-1])
    packs = {}
    for workers in ("1", "2"):
        monkeypatch.setenv(WORKERS_VARIABLE, workers)
        packs[workers] = build_pack(record, tmp_path / workers)
    one, many = packs["1"], packs["2"]
    assert [(b.pages, b.words, b.check) for b in one.documents] == [
        (b.pages, b.words, b.check) for b in many.documents
    ]
    assert one.pack_check == many.pack_check
    same = {name: digest for name, digest in snapshot(one.folder).items() if ".pdf" not in name}
    assert same == {
        name: digest for name, digest in snapshot(many.folder).items() if ".pdf" not in name
    }
    assert sorted(snapshot(one.folder)) == sorted(snapshot(many.folder))


def test_cli_build_failure_exits_2_without_traceback_and_keeps_the_pack(tmp_path: Path) -> None:
    sample = SAMPLES[0]
    out = tmp_path / "out"
    ok = subprocess.run(
        [
            sys.executable,
            "-m",
            "summarygen",
            "build",
            str(sample),
            "-o",
            str(out),
            "--formats",
            "html",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    before = snapshot(out)
    broken = tmp_path / "t"
    broken.mkdir()
    (broken / "overview.md.j2").write_text("{% if %}\n")
    failed = subprocess.run(
        [
            sys.executable,
            "-m",
            "summarygen",
            "build",
            str(sample),
            "-o",
            str(out),
            "--templates",
            str(broken),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode == 2
    assert "Traceback" not in failed.stderr + failed.stdout
    assert "overview: template" in failed.stderr
    assert "Nothing was published" in failed.stderr
    assert snapshot(out) == before


def test_unknown_format_or_document_is_a_usage_error(tmp_path: Path) -> None:
    for option, value in (("--formats", "pdf,odt"), ("--documents", "overveiw")):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "summarygen",
                "build",
                str(SAMPLES[0]),
                "-o",
                str(tmp_path),
                option,
                value,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 2
        assert "choose from" in result.stderr
        assert not any(tmp_path.iterdir())
