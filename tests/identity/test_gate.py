"""The gate: nothing that identifies a person is published, and the register never leaks."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarygen import Record, build_pack, compose, load_record
from summarygen._templates import TemplateFolder
from summarygen.identity.gate import allowed_by, scan_files
from summarygen.identity.register import ProtectedEntry, load_register
from summarygen.pack import file_name
from summarygen.record.yaml_source import parse
from summarygen.writers import FORMATS, writer_for

from ..conftest import SAMPLES

CHILD_M = next(sample for sample in SAMPLES if sample.stem == "child-m")
FIRST, SURNAME = "Zebulon", "Quartermaine"
REGISTER_TEXT = f"""\
names:
  - {{name: {FIRST} {SURNAME}, alone: [surname]}}
schools:
  - Fennimore Bright Academy
"""


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> list[ProtectedEntry]:
    path = tmp_path_factory.mktemp("register") / "protected.yaml"
    path.write_text(REGISTER_TEXT)
    return load_register(path)


def sample_data() -> dict[str, Any]:
    data = parse(CHILD_M.read_text(encoding="utf-8")).data
    assert isinstance(data, dict)
    return data


def planted(data: dict[str, Any], path: tuple[str | int, ...], words: str) -> Record:
    """The sample with ``words`` inserted into the prose at ``path``."""
    holder: Any = data
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = f"{holder[path[-1]]} Later {words} was there too."
    return Record.model_validate(data)


# Where a word can be planted, and a document that prints it.
FIELDS: list[tuple[tuple[str | int, ...], str]] = [
    (("background", "professional"), "overview"),
    (("introduction", "plain"), "executive-summary"),
    (("episodes", 2, "summary", "professional"), "overview"),
    (("findings", 1, "analysis", "child"), "children"),
    (("comms", "chair_quote"), "press-statement"),
    (("easy_read", "what_happened", 0, "text"), "easy-read"),
    (("recommendations", 3, "text", "professional"), "action-plan"),
    (("briefing", "remember"), "learning-briefing"),
]
FORMS = [
    f"{FIRST} {SURNAME}",
    f"{FIRST.upper()} {SURNAME.upper()}",
    f"{FIRST.lower()} {SURNAME.lower()}",
    f"{SURNAME}'s friend",
    f"{SURNAME}’s friend",
    f"{FIRST[0]}. {SURNAME}",
    f"{FIRST}\n{SURNAME}",
    f"Mr {SURNAME}",
    SURNAME,
]


def test_every_form_is_found_in_a_plain_sentence(register: list[ProtectedEntry]) -> None:
    from summarygen.identity.detect import Allowed, find_identifiers
    from summarygen.identity.parts import TextPart

    for form in FORMS:
        part = TextPart("x.pdf", "page 1", f"We met {form} at the door.")
        found = find_identifiers([part], register, Allowed())
        assert [f.check for f in found] == ["identity.register"], form


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=st.sampled_from(FIELDS), form=st.sampled_from(FORMS))
def test_planted_register_entries_are_caught_in_every_format(
    register: list[ProtectedEntry],
    tmp_path: Path,
    field: tuple[tuple[str | int, ...], str],
    form: str,
) -> None:
    path, document = field
    record = planted(sample_data(), path, form)
    composed = compose(record, document)
    written = []
    for fmt in FORMATS:
        target = tmp_path / file_name(record, document, fmt)
        target.write_bytes(writer_for(fmt)(composed, TemplateFolder()))
        written.append(target)
    findings = scan_files(written, register, allowed_by(record))
    caught = {f.document for f in findings if f.check == "identity.register"}
    assert caught == {target.name for target in written}, (form, path)


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_clean_samples_raise_no_identity_error(
    sample: Path, register: list[ProtectedEntry], tmp_path: Path
) -> None:
    record = load_record(sample)
    pack = build_pack(record, tmp_path, register=register)
    identity = [f for c in pack.checks for f in c.findings if f.check.startswith("identity.")]
    assert [f for f in identity if f.severity.value == "error"] == []
    for file in pack.folder.iterdir():  # the register itself is never copied into the pack
        content = file.read_bytes().lower()
        for secret in (FIRST, SURNAME, "Fennimore"):
            assert secret.lower().encode() not in content, (file.name, secret)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_build_with_an_identifier_publishes_nothing_and_never_prints_the_register(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    first = subprocess.run(
        [
            sys.executable,
            "-m",
            "summarygen",
            "build",
            str(CHILD_M),
            "-o",
            str(out),
            "--formats",
            "html",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    protected = tmp_path / "protected.yaml"
    protected.write_text(REGISTER_TEXT)
    data = sample_data()
    record = tmp_path / "child-m.yaml"
    text = CHILD_M.read_text(encoding="utf-8").replace(
        "He loved football", f"He and {FIRST} {SURNAME} of SW1A 1AA loved football", 1
    )
    assert text != CHILD_M.read_text(encoding="utf-8") and data
    record.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "summarygen",
            "build",
            str(record),
            "-o",
            str(out),
            "--protected",
            str(protected),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "Not published" in output and "Nothing was published" in output
    # which file, and where in it (its section and paragraph, or its page)
    assert re.search(r"child-m-overview\.pdf, (page \d|section '[^']+', paragraph \d)", output)
    assert "identity.register" in output and "identity.postcode" in output  # what kind
    for secret in (FIRST, SURNAME, "Fennimore", "SW1A 1AA"):
        assert secret.lower() not in output.lower(), secret
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["child-m"]  # no staging left behind


def test_reports_hold_no_register_entry_even_when_they_warn(tmp_path: Path) -> None:
    protected = tmp_path / "protected.txt"
    protected.write_text(
        f"# real people\nname: {FIRST} {SURNAME}\nSchool: Fennimore Bright Academy\n"
    )
    record = tmp_path / "child-m.yaml"
    record.write_text(
        CHILD_M.read_text(encoding="utf-8").replace(
            "He loved football", f"He and {FIRST.upper()} {SURNAME.upper()} loved football", 1
        ),
        encoding="utf-8",
    )
    report = tmp_path / "report.html"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "summarygen",
            "check",
            str(record),
            "--protected",
            str(protected),
            "--format",
            "json",
            "--report",
            str(report),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    found = [
        f for d in data["documents"] for f in d["findings"] if f["check"] == "identity.register"
    ]
    assert found, "the planted surname was not reported"
    everything = result.stdout + result.stderr + report.read_text()
    for secret in (FIRST, SURNAME, "Fennimore", "Bright Academy"):
        assert secret.lower() not in everything.lower(), secret


def test_a_waiver_lets_one_identifier_through_and_is_shown_in_the_report(tmp_path: Path) -> None:
    email = "duty.manager@westmere-scp.example.org"
    text = CHILD_M.read_text(encoding="utf-8").replace(
        "He loved football", f"Write to {email} about him. He loved football", 1
    )
    blocked = tmp_path / "blocked.yaml"
    blocked.write_text(text, encoding="utf-8")
    with pytest.raises(Exception, match="identifier"):
        build_pack(load_record(blocked), tmp_path / "out")
    waived = tmp_path / "waived.yaml"
    waived.write_text(
        text + f"waivers:\n  - text: {email}\n    reason: The duty team's address, on purpose.\n",
        encoding="utf-8",
    )
    pack = build_pack(load_record(waived), tmp_path / "out")
    report = json.loads((pack.folder / "child-m-check-report.json").read_text())
    assert report["waivers"] == [{"text": email, "reason": "The duty team's address, on purpose."}]
    assert "The duty team" in (pack.folder / "child-m-check-report.html").read_text()


# Typst writes a random-looking base64 document and instance id into every PDF's XMP. About
# one PDF in 700 had an id such as "WuA2ehzni2QcqIA/G0K9Hw==", in which "G0K9Hw" reads as a
# postcode, and the build refused to publish a clean pack.
POSTCODE_LIKE_IDS = [
    "WuA2ehzni2QcqIA/G0K9Hw==",
    "RsHWXX31MAKNuPuAFsaOVA==",
    "tS89rW+YCn7YTpdGl7+25Q==",
]


def test_ids_in_pdf_metadata_are_not_taken_for_identifiers(tmp_path: Path) -> None:
    import pikepdf

    record = load_record(CHILD_M)
    path = tmp_path / "press-statement.pdf"
    path.write_bytes(writer_for("pdf")(compose(record, "press-statement"), TemplateFolder()))
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
            xmp["xmpMM:DocumentID"] = POSTCODE_LIKE_IDS[0]
            xmp["xmpMM:InstanceID"] = POSTCODE_LIKE_IDS[1]
            xmp["xmpMM:OriginalDocumentID"] = POSTCODE_LIKE_IDS[2]
        pdf.save(path)
    assert POSTCODE_LIKE_IDS[0].encode() in path.read_bytes()  # the planted ids are there

    assert scan_files([path], [], allowed_by(record)) == []
