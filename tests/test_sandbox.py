"""An organisation's templates folder is untrusted: every template is rendered in Jinja's
sandbox, and nothing it gives may come from outside the folder (symbolic links, absolute
paths, ``..``), nor may Typst read files outside its own root.

Each row builds a real pack with a templates folder made for the case: should-refuse rows
expect a message naming the entry and nothing published; should-pass rows a normal pack."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarygen import SummarygenError, TemplateError, load_record
from summarygen._resources import templates_dir
from summarygen._templates import TemplateFolder
from summarygen.pack import build_pack

from .conftest import SAMPLES

SECRET = "OUTSIDE-THE-FOLDER-7731"
SHIPPED = templates_dir()


@dataclass(frozen=True)
class Folders:
    templates: Path
    outside: Path

    def write(self, name: str, text: str) -> Path:
        path = self.templates / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def link(self, name: str, to: Path) -> None:
        path = self.templates / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(to)

    def hard_link(self, name: str, to: Path) -> None:
        path = self.templates / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.hardlink_to(to)


def make_folders(tmp_path: Path) -> Folders:
    """An empty templates folder, and beside it files someone should never publish."""
    templates, outside = tmp_path / "org-templates", tmp_path / "elsewhere"
    templates.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET)
    (outside / "secret.css").write_text(f"/* {SECRET} */ body {{ color: red; }}")
    (outside / "secret.md.j2").write_text(f"# {SECRET}\n\nText.\n")
    (outside / "secret.html").write_text(f"<p>{SECRET}</p>")
    shutil.copy(SHIPPED / "pictures" / "home.png", outside / "secret.png")
    shutil.copy(SHIPPED / "reference.docx", outside / "secret.docx")
    shutil.copy(SHIPPED / "document.typ", outside / "secret.typ")
    shutil.copytree(SHIPPED / "fonts", outside / "fonts")
    return Folders(templates, outside)


def pictures_yaml(entry: str) -> str:
    return f'"home":\n  alt: "A home"\n{entry}'


UNSAFE = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
SHELL = "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}"

Setup = Callable[[Folders], None]

# (case, setup, document, format, message pattern)
SHOULD_REFUSE: list[tuple[str, Setup, str, str, str]] = [
    (
        "page.html.j2 reaches into Python",
        lambda f: f.write("page.html.j2", UNSAFE),
        "press-statement",
        "html",
        r"page\.html\.j2.*unsafe",
    ),
    (
        "page.html.j2 runs a shell command",
        lambda f: f.write("page.html.j2", SHELL),
        "press-statement",
        "html",
        r"page\.html\.j2.*unsafe",
    ),
    (
        "report.html.j2 reaches into Python",
        lambda f: f.write("report.html.j2", "{{ title.__class__.__mro__ }}"),
        "press-statement",
        "html",
        r"report\.html\.j2.*unsafe",
    ),
    (
        "a document template reaches into Python",
        lambda f: f.write("press-statement.md.j2", UNSAFE),
        "press-statement",
        "html",
        r"press-statement\.md\.j2.*unsafe",
    ),
    (
        "page.html.j2 includes a file from elsewhere",
        lambda f: f.write("page.html.j2", '{% include "../elsewhere/secret.html" %}'),
        "press-statement",
        "html",
        r"\.\./elsewhere/secret\.html leads outside the folder",
    ),
    (
        "a picture's file: is an absolute path",
        lambda f: f.write(
            "pictures/pictures.yaml", pictures_yaml(f'  file: "{f.outside / "secret.png"}"\n')
        ),
        "easy-read",
        "html",
        r"pictures\.yaml:1: picture 'home': file: /.*secret\.png is outside the pictures folder",
    ),
    (
        "a picture's file: climbs out with ..",
        lambda f: f.write(
            "pictures/pictures.yaml", pictures_yaml('  file: "../../elsewhere/secret.png"\n')
        ),
        "easy-read",
        "docx",
        r"pictures\.yaml:1: picture 'home': file: \.\./\.\./elsewhere/secret\.png is outside",
    ),
    (
        "a picture is a link out of the folder",
        lambda f: (
            f.link("pictures/home.png", f.outside / "secret.png"),
            f.write("pictures/pictures.yaml", pictures_yaml('  file: "home.png"\n')),
        ),
        "easy-read",
        "pdf",
        r"pictures/home\.png \(picture 'home'\) leads outside the folder",
    ),
    (
        "a template included by another is a hard link to a file elsewhere (an attacker's)",
        lambda f: (
            (f.outside / "secret.html").write_text("SECRET-OUTSIDE", encoding="utf-8"),
            f.hard_link("notes.html", f.outside / "secret.html"),
            f.write("page.html.j2", '{% include "notes.html" %}'),
        ),
        "press-statement",
        "html",
        r"notes\.html has other names \(a hard link\), perhaps outside the folder",
    ),
    (
        "pictures.yaml is a link out of the folder",
        lambda f: (
            (f.outside / "pictures.yaml").write_text(pictures_yaml('  file: "home.png"\n')),
            f.link("pictures/pictures.yaml", f.outside / "pictures.yaml"),
        ),
        "easy-read",
        "html",
        r"pictures/pictures\.yaml leads outside the folder",
    ),
    (
        "pictures.yaml without file:",
        lambda f: f.write("pictures/pictures.yaml", '# ours\n"home":\n  alt: "A home"\n'),
        "easy-read",
        "html",
        r"pictures\.yaml:2: picture 'home': no file:",
    ),
    (
        "pictures.yaml that is not YAML",
        lambda f: f.write("pictures/pictures.yaml", '"home":\n  file: [home.png\n  alt: x\n'),
        "easy-read",
        "html",
        r"pictures\.yaml:\d+: not valid YAML",
    ),
    (
        "a picture's file: holds a NUL",
        lambda f: f.write("pictures/pictures.yaml", pictures_yaml('  file: "home\\0.png"\n')),
        "easy-read",
        "html",
        r"pictures\.yaml:1: picture 'home': file: holds a NUL character",
    ),
    (
        "pictures.yaml that is a list",
        lambda f: f.write("pictures/pictures.yaml", "- home.png\n"),
        "easy-read",
        "html",
        r"pictures\.yaml:1: should list pictures by name",
    ),
    (
        "a document template is a link out of the folder",
        lambda f: f.link("press-statement.md.j2", f.outside / "secret.md.j2"),
        "press-statement",
        "html",
        r"press-statement\.md\.j2 leads outside the folder",
    ),
    (
        "style.css is a link out of the folder",
        lambda f: f.link("style.css", f.outside / "secret.css"),
        "press-statement",
        "html",
        r"style\.css leads outside the folder",
    ),
    (
        "reference.docx is a link out of the folder",
        lambda f: f.link("reference.docx", f.outside / "secret.docx"),
        "press-statement",
        "docx",
        r"reference\.docx leads outside the folder",
    ),
    (
        "document.typ is a link out of the folder",
        lambda f: f.link("document.typ", f.outside / "secret.typ"),
        "press-statement",
        "pdf",
        r"document\.typ leads outside the folder",
    ),
    (
        "a font is a link out of the folder",
        lambda f: f.link("fonts/Extra.ttf", f.outside / "fonts" / "AtkinsonHyperlegible-Bold.ttf"),
        "press-statement",
        "pdf",
        r"fonts/Extra\.ttf leads outside the folder",
    ),
    (
        "the fonts folder is a link out of the folder",
        lambda f: f.link("fonts", f.outside / "fonts"),
        "press-statement",
        "pdf",
        r"fonts/ leads outside the folder",
    ),
    (
        "document.typ reads a file by absolute path",
        lambda f: f.write(
            "document.typ", f'#read("{f.outside / "secret.txt"}")\n#read("/etc/passwd")\n'
        ),
        "press-statement",
        "pdf",
        r"Typst could not compile: file not found",
    ),
    (
        "document.typ climbs out with ..",
        lambda f: f.write("document.typ", '#read("../../../../../../../etc/passwd")\n'),
        "press-statement",
        "pdf",
        r"Typst could not compile: .*would escape the project root",
    ),
]


def written_text(folder: Path) -> str:
    return "\n".join(
        path.read_bytes().decode("latin-1") for path in folder.rglob("*") if path.is_file()
    )


@pytest.mark.parametrize(
    ("setup", "document", "fmt", "message"),
    [pytest.param(*row[1:], id=row[0]) for row in SHOULD_REFUSE],
)
def test_a_templates_folder_cannot_escape(
    tmp_path: Path, setup: Setup, document: str, fmt: str, message: str
) -> None:
    folders = make_folders(tmp_path)
    setup(folders)
    out = tmp_path / "out"
    record = load_record(SAMPLES[0])
    with pytest.raises(SummarygenError, match=message):
        build_pack(
            record,
            out,
            documents=[document],
            formats=[fmt],
            templates=TemplateFolder(folders.templates),
        )
    assert not out.exists() or list(out.iterdir()) == []
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


def test_links_and_pictures_inside_the_folder_are_used(tmp_path: Path) -> None:
    """Should pass: a folder that keeps to itself, links included, builds as usual."""
    folders = make_folders(tmp_path)
    css = folders.write("shared/look.css", "body { color: #123456; }")
    folders.link("style.css", css)
    shutil.copy(SHIPPED / "pictures" / "home.png", folders.templates / "shared" / "home.png")
    folders.link("pictures/home.png", folders.templates / "shared" / "home.png")
    folders.write("pictures/pictures.yaml", pictures_yaml('  file: "home.png"\n'))
    out = tmp_path / "out"
    pack = build_pack(
        load_record(SAMPLES[0]),
        out,
        documents=["easy-read"],
        formats=["html", "pdf"],
        templates=TemplateFolder(folders.templates),
    )
    html = next(pack.folder.glob("*-easy-read.html")).read_text()
    assert "#123456" in html
    assert SECRET not in written_text(out)


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarygen", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("case", "fmt", "message"),
    [
        ("page.html.j2 reaches into Python", "html", "page.html.j2"),
        ("pictures.yaml without file:", "html", "pictures.yaml:2: picture 'home': no file:"),
        ("document.typ reads a file by absolute path", "pdf", "file not found"),
    ],
)
def test_the_command_line_says_which_file_and_exits_2(
    tmp_path: Path, case: str, fmt: str, message: str
) -> None:
    folders = make_folders(tmp_path)
    row = next(row for row in SHOULD_REFUSE if row[0] == case)
    row[1](folders)
    out = tmp_path / "out"
    result = run(
        "build", SAMPLES[0], "-o", out, "--templates", folders.templates,
        "--documents", row[2], "--formats", fmt,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert message in result.stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_check_report_template_is_sandboxed_too(tmp_path: Path) -> None:
    folders = make_folders(tmp_path)
    folders.write("report.html.j2", "{{ title.__class__.__mro__ }}")
    statement = tmp_path / "statement.txt"
    statement.write_text("The team met. They talked. They made a plan.\n")
    report = tmp_path / "report.html"
    result = run(
        "check", statement, "--audience", "general", "--report", report,
        "--templates", folders.templates,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "report.html.j2" in result.stderr and "unsafe" in result.stderr
    assert not report.exists()


SHIPPED_LISTING = (SHIPPED / "pictures" / "pictures.yaml").read_text(encoding="utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.integers(min_value=0, max_value=len(SHIPPED_LISTING)),
    noise=st.text(alphabet=st.sampled_from(list(":-[]{}\"'&*!|>\n #/.\t\\ab10")), max_size=12),
)
def test_any_pictures_yaml_is_read_or_refused_with_a_message(cut: int, noise: str) -> None:
    """Fuzz: the shipped listing with noise spliced in is read, or refused with TemplateError
    (never another exception), and what is read never leaves the folder."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        templates = Path(folder)
        (templates / "pictures").mkdir()
        text = SHIPPED_LISTING[:cut] + noise + SHIPPED_LISTING[cut:]
        (templates / "pictures" / "pictures.yaml").write_text(text, encoding="utf-8")
        try:
            pictures = TemplateFolder(templates).pictures
        except TemplateError as error:
            assert "pictures.yaml" in str(error)
            return
        shipped = SHIPPED.resolve()
        for picture in pictures.values():
            assert picture.path.resolve().is_relative_to(templates.resolve()) or (
                picture.path.resolve().is_relative_to(shipped)
            )
