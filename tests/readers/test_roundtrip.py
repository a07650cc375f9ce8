"""One document, one verdict, whatever file it is read from (issue 9, section 1).

For every document of both samples, in DOCX, PDF and HTML (48 files), ``check FILE`` with
the document's audience measures what the build measured: the same words (within 1%), the
same sentence count, Flesch Reading Ease within 1.0, Flesch-Kincaid grade within 0.3, the
same longest sentence, and the same error-level verdict as the build's own check."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarygen.checks.engine import DocumentCheck, check_document
from summarygen.checks.finding import Severity
from summarygen.checks.profiles import load_profiles
from summarygen.checks.segment import sentences, words
from summarygen.checks.units import units
from summarygen.documents import DOCUMENT_TYPES
from summarygen.pack import BuiltDocument, Pack
from summarygen.readers.files import read_file

from .conftest import SAMPLE_DOCUMENTS, SAMPLES

FORMATS = ("docx", "pdf", "html")
CASES = [
    (sample.stem, document, fmt) for sample, document in SAMPLE_DOCUMENTS for fmt in FORMATS
]


def built(pack: Pack, document: str) -> BuiltDocument:
    return next(b for b in pack.documents if b.document.meta.document == document)


def longest_sentence(texts: list[str]) -> str:
    every = [sentence for text in texts for sentence in sentences(text)]
    return " ".join(max(every, key=lambda sentence: len(words(sentence))).split())


def test_there_are_81_files() -> None:
    # child-m and children-a-c: 8 documents each; child-q: those 8 and its 3 that follow
    # publication (progress report, agency responses, opening statement); 3 formats each.
    assert len(CASES) == 81


@pytest.mark.parametrize(("sample", "document", "fmt"), CASES)
def test_check_file_gives_the_builds_measures_and_verdict(
    sample_packs: dict[str, Pack], sample: str, document: str, fmt: str
) -> None:
    item = built(sample_packs[sample], document)
    path = next(f.path for f in item.files if f.format == fmt)
    audience = DOCUMENT_TYPES[document].audience
    profile = load_profiles()[audience]
    read = read_file(Path(path), audience)
    result: DocumentCheck = check_document(read, profile)
    assert item.check is not None
    build, file = item.check.metrics, result.metrics

    assert abs(file.words - build.words) <= 0.01 * build.words, (file.words, build.words)
    assert file.sentences == build.sentences
    assert abs(file.flesch_reading_ease - build.flesch_reading_ease) <= 1.0
    assert abs(file.flesch_kincaid_grade - build.flesch_kincaid_grade) <= 0.3
    assert file.longest_sentence_words == build.longest_sentence_words
    assert longest_sentence([u.text for u in units(read)]) == longest_sentence(
        [u.text for u in units(item.document)]
    )
    assert result.fails(Severity.ERROR) == item.check.fails(Severity.ERROR)
    errors = sorted(f.check for f in result.findings if f.severity is Severity.ERROR)
    build_errors = sorted(
        f.check
        for f in item.check.findings
        if f.severity is Severity.ERROR and not f.check.startswith(("identity.", "consistency."))
    )
    assert errors == build_errors


@pytest.mark.parametrize(("sample", "document", "fmt"), CASES)
def test_the_command_line_gives_the_builds_verdict(
    sample_packs: dict[str, Pack], sample: str, document: str, fmt: str
) -> None:
    """``check FILE --audience <document> --record RECORD``, the whole command with the
    identity scan, exits as the build judged the document: the record's named people and
    press contact are allowed in the file as they were in the build."""
    from typer.testing import CliRunner

    from summarygen.cli import app

    item = built(sample_packs[sample], document)
    path = next(f.path for f in item.files if f.format == fmt)
    record = next(s for s in SAMPLES if s.stem == sample)
    outcome = CliRunner().invoke(
        app,
        ["check", str(path), "--audience", document, "--record", str(record), "--format", "json"],
    )
    assert item.check is not None
    build_errors = sorted(
        f.check
        for f in item.check.findings
        if f.severity is Severity.ERROR and not f.check.startswith("consistency.")
    )
    assert outcome.exit_code == (1 if build_errors else 0), outcome.output
