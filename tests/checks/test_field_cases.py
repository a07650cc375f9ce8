"""Issue 9's sentence and language cases, read from real files of every text format a user
hands to ``check`` (a Markdown, text, HTML and Word file made here; Word by python-docx), so the
right answer is the same whichever file it comes from.

PDF is left to the readers' own round-trip tests: which units a PDF yields is theirs to get
right; once it has them, these rules apply as they do here."""

from __future__ import annotations

import html
from pathlib import Path

import docx
import pytest

from summarygen.checks.engine import DocumentCheck, check_document
from summarygen.checks.finding import Severity
from summarygen.checks.profiles import load_profiles
from summarygen.readers.files import read_file

FORMATS = ("txt", "md", "html", "docx")


def _write(folder: Path, name: str, paragraphs: list[str], file_format: str) -> Path:
    path = folder / f"{name}.{file_format}"
    if file_format in ("txt", "md"):
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    elif file_format == "html":
        body = "".join(f"<p>{html.escape(text, quote=False)}</p>" for text in paragraphs)
        path.write_text(
            f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
            f"<title>{name}</title></head>"
            f"<body>{body}</body></html>",
            encoding="utf-8",
        )
    else:
        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        document.save(str(path))
    return path


def _check(
    folder: Path, name: str, paragraphs: list[str], file_format: str, audience: str
) -> DocumentCheck:
    path = _write(folder, name, paragraphs, file_format)
    return check_document(read_file(path, audience), load_profiles()[audience])


# (name, paragraphs, audience, words, sentences, longest, checks expected, checks not expected)
CASES = [
    (
        "01-quoted-speech",
        [
            'Child M told the reviewer: "I was scared at home. Nobody at school asked me what '
            'was wrong. I did not know who to tell. I wanted someone to notice me."'
        ],
        "children",
        31,
        4,
        10,
        set(),
        {"readability.too-long-sentence", "readability.long-sentence"},
    ),
    (
        "01b-curly-quoted-speech",
        [
            "Child M told the reviewer: “Why did nobody ask me? I was scared! I did not know "
            "who to tell.” His mother agreed."
        ],
        "children",
        23,
        4,
        10,
        set(),
        {"readability.too-long-sentence", "readability.long-sentence"},
    ),
    (
        "12-url-words",
        [
            "You can read the full report on our website at "
            "www.example-partnership.org.uk/reviews/2024/child-m/full-report.html today."
        ],
        "children",
        12,
        1,
        12,
        set(),
        {"readability.too-long-sentence", "readability.long-sentence"},
    ),
    (
        "16-no-space-after-stop",
        [
            "Child M moved to a new house in May.The school was not told about the move.Her "
            "GP did not know either."
        ],
        "children",
        23,
        3,
        9,
        {"readability.missing-space"},
        {"readability.too-long-sentence"},
    ),
    (
        "16b-abbreviations",
        ["He lived at No. 12 with his aunt, e.g. in the U.K. from No.4 on, for 3.5 years."],
        "general",
        19,
        1,
        19,
        set(),
        {"readability.missing-space"},
    ),
    (
        "hard-words",
        [
            "Adults used Child M to sell drugs for them.",
            "This is called exploitation.",
            "Exploitation. When someone uses a child to get money or power.",
        ],
        "easy-read",
        None,
        None,
        None,
        set(),
        {"language.jargon"},
    ),
]


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize(
    ("name", "paragraphs", "audience", "words", "sentences", "longest", "present", "absent"),
    CASES,
    ids=[case[0] for case in CASES],
)
def test_field_case_in_every_format(
    tmp_path: Path,
    file_format: str,
    name: str,
    paragraphs: list[str],
    audience: str,
    words: int | None,
    sentences: int | None,
    longest: int | None,
    present: set[str],
    absent: set[str],
) -> None:
    result = _check(tmp_path, name, paragraphs, file_format, audience)
    measured = (result.metrics.words, result.metrics.sentences)
    if words is not None:
        assert measured == (words, sentences)
        assert result.metrics.longest_sentence_words == longest
    checks = {finding.check for finding in result.findings}
    assert present <= checks
    assert not absent & checks


@pytest.mark.parametrize("file_format", FORMATS)
def test_quoted_to_examine_is_a_suggestion_in_every_format(
    tmp_path: Path, file_format: str
) -> None:
    paragraphs = [
        'Phrases such as "choosing to associate" and "putting herself at risk" appear in records.',
        'Records describe him as "streetwise".',
        "Staff thought she was putting herself at risk.",
    ]
    result = _check(tmp_path, "quoted", paragraphs, file_format, "general")
    blaming = [f for f in result.findings if f.check == "language.victim-blaming"]
    assert sorted((f.severity.value, f.text) for f in blaming) == sorted(
        [
            (Severity.SUGGESTION.value, paragraphs[0]),
            (Severity.SUGGESTION.value, paragraphs[0]),
            (Severity.SUGGESTION.value, paragraphs[1]),
            (Severity.ERROR.value, paragraphs[2]),
        ]
    )
