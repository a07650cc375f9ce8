"""Fuzz: mutated sample records get an answer, never a traceback (issue 11, "Done means").

Hypothesis mutates the samples (cuts, YAML punctuation and tags, anchors and aliases,
control characters, copied slices, lines of random text) and runs ``summarygen validate``:
the exit code must be 0, 1 or 2, with no exception escaping. Validating a record under
1 MB may take at most 500 MB more address space (RLIMIT_AS, set for the call: going over is
a MemoryError the test reports) and :data:`CPU_SECONDS` of CPU, the issue's 2 s (an
ITIMER_PROF alarm: CPU time, so a busy machine does not make it fail).
When validate says yes, every document is composed and written as HTML, so validate says
yes only to what build can compose.
"""

from __future__ import annotations

import resource
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from summarygen import load_record
from summarygen._templates import TemplateFolder
from summarygen.cli import app
from summarygen.composer import compose
from summarygen.documents import documents_for
from summarygen.writers import writer_for

from ..conftest import MINIMAL, ROOT

SAMPLES = [MINIMAL] + [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("samples/*.yaml"))]
MEMORY_BYTES = 500 * 1024 * 1024
CPU_SECONDS = 2.0

TOKENS = [
    ": ", "- ", "-", "[", "]", "{", "}", ",", "&a ", "*a", "&b [*a, *a, *a]", "<<: *a\n",
    "\t", '"', "'", "#", "\n", "\n\n", "  ", "|", ">-", "? ", "@", "`", "%", "!", "~",
    "!!python/object/apply:os.system ['true']", "!!binary aGVsbG8=", "!!set {a, b}",
    "!!timestamp 2021-02-30", "%YAML 1.1\n", "---\n", "...\n", "\x00", "\x07", "\x1b[31m",
    '"\\a"', '"\\ud800"', '"\\x85"', "\u202e", "\ufeff", "\u2028", "0x1F", "1e999", "-.inf",
    "2021-02-30", "2021-13", "null", "yes", "no", "[" * 60, "{a: " * 40, "é", "𝔘", "&#91;",
    "[x](https://evil.example)", "con", "nul.txt", "\r\n", "\r",
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SAMPLES))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["cut", "insert", "copy", "line"]))
        if kind == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 200)) :]
        elif kind == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif kind == "copy":
            start = draw(st.integers(0, len(text)))
            piece = text[start : start + draw(st.integers(1, 2000))]
            text = text[:at] + piece + text[at:]
        else:
            line = draw(st.text(max_size=40))
            text = text[:at] + "\n" + line + "\n" + text[at:]
    return text


class _OverTime(Exception):
    pass


@contextmanager
def cpu_limit(seconds: float) -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        raise _OverTime(f"more than {seconds} s of CPU")

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


@contextmanager
def memory_limit(extra: int) -> Iterator[None]:
    """At most ``extra`` bytes more address space than this process holds now."""
    page = resource.getpagesize()
    held = int(Path("/proc/self/statm").read_text().split()[0]) * page
    previous = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (held + extra, previous[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, previous)


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=mutated())
def test_a_mutated_record_gets_an_answer_within_bounds(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "record.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        assert path.stat().st_size < 1_000_000
        with memory_limit(MEMORY_BYTES), cpu_limit(CPU_SECONDS):
            result = CliRunner().invoke(app, ["validate", str(path)])
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        assert result.exit_code in (0, 1, 2), result.exit_code
        assert "Traceback" not in result.stdout + result.stderr
        if result.exit_code == 0:
            record = load_record(path)
            templates = TemplateFolder()
            for document in documents_for(record):
                assert writer_for("html")(compose(record, document, templates), templates)
