"""Publishing a pack is one step, and a killed or failed build leaves nothing behind.

The packs published here are real folders of real files; faults are injected only into the
moves between them (a rename that fails, or a process that kills itself after a rename), and
kills are real SIGKILLs of real build processes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from summarygen import _staging as staging_module
from summarygen import load_record
from summarygen._staging import Staging, clean, private_folder_name, publish
from summarygen._workers import WORKERS_VARIABLE
from summarygen.pack import build_pack

from .conftest import ROOT, SAMPLES

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux processes")

PRIVATE = private_folder_name()


def snapshot(folder: Path) -> dict[str, str] | None:
    """Every file under ``folder`` by relative path and SHA-256; None when there is no folder."""
    if not folder.is_dir():
        return None
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def make_pack(folder: Path, files: dict[str, str]) -> dict[str, str]:
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    result = snapshot(folder)
    assert result is not None
    return result


EARLIER = {"child-m-overview.html": "<p>earlier</p>", "child-m-overview.docx": "earlier docx"}
NEWER = {"child-m-overview.html": "<p>newer</p>", "child-m-press-statement.html": "new file"}


# --- the switch itself: every state the pack folder passes through is a whole pack ---------


@pytest.fixture
def watched(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[Any]]:
    """Record what ``out/child-m`` holds after every move a publish makes, however it makes
    it (renameat2, os.rename, os.replace, shutil.move, shutil.rmtree)."""
    target = tmp_path / "out" / "child-m"
    states: list[Any] = []

    def watching(function: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            result = function(*args, **kwargs)
            states.append(snapshot(target))
            return result

        return call

    monkeypatch.setattr(staging_module, "exchange", watching(staging_module.exchange))
    for module, name in ((os, "rename"), (os, "replace"), (shutil, "move"), (shutil, "rmtree")):
        monkeypatch.setattr(module, name, watching(getattr(module, name)))
    yield states


def test_publishing_over_an_earlier_pack_is_one_atomic_exchange(
    tmp_path: Path, watched: list[Any]
) -> None:
    out = tmp_path / "out"
    earlier = make_pack(out / "child-m", EARLIER)
    staged = tmp_path / "private" / "child-m"
    newer = make_pack(staged, NEWER)
    watched.clear()
    publish(staged, out / "child-m", tmp_path / "private" / "old" / "child-m")
    assert snapshot(out / "child-m") == newer
    assert watched, "the publish made no move at all"
    # At no point was there no pack, half a pack, or a mix: a kill anywhere leaves a whole one.
    assert all(state in (earlier, newer) for state in watched), watched
    assert snapshot(staged) == earlier  # the earlier pack, swapped out, for the caller to remove


def test_this_machine_exchanges_in_one_step(tmp_path: Path) -> None:
    """renameat2(RENAME_EXCHANGE) works here, so the tests above test the atomic path."""
    first, second = make_pack(tmp_path / "a", EARLIER), make_pack(tmp_path / "b", NEWER)
    assert staging_module.exchange(tmp_path / "a", tmp_path / "b")
    assert (snapshot(tmp_path / "a"), snapshot(tmp_path / "b")) == (second, first)


def test_a_real_build_over_an_earlier_pack_publishes_by_exchange(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = load_record(SAMPLES[0])
    first = build_pack(record, tmp_path, formats=["html"], documents=["press-statement"])
    earlier = snapshot(first.folder)
    states: list[Any] = []
    real = staging_module.exchange

    def exchange(a: Path, b: Path) -> bool:
        done = real(a, b)
        states.append((done, snapshot(first.folder)))
        return done

    monkeypatch.setattr(staging_module, "exchange", exchange)
    second = build_pack(record, tmp_path, formats=["html", "docx"], documents=["press-statement"])
    newer = snapshot(second.folder)
    assert newer is not None and earlier is not None and set(newer) > set(earlier)
    assert states == [(True, newer)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [record.review.id]


def test_without_exchange_an_error_between_the_renames_puts_the_earlier_pack_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fallback's rollback: delete it and this fails (no pack at all is left)."""
    out = tmp_path / "out"
    earlier = make_pack(out / "child-m", EARLIER)
    staged = tmp_path / "private" / "child-m"
    newer = make_pack(staged, NEWER)
    monkeypatch.setattr(staging_module, "exchange", lambda a, b: False)
    real_rename = os.rename
    calls: list[tuple[str, str]] = []

    def rename(source: Any, destination: Any) -> None:
        calls.append((str(source), str(destination)))
        if len(calls) == 2:  # the new pack's move into place
            raise OSError(5, "Input/output error (injected)")
        real_rename(source, destination)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(OSError, match="injected"):
        publish(staged, out / "child-m", tmp_path / "private" / "old" / "child-m")
    assert snapshot(out / "child-m") == earlier
    assert snapshot(staged) == newer
    assert len(calls) == 3  # aside, (failed) in, back


def test_without_exchange_publishing_still_ends_with_the_new_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    make_pack(out / "child-m", EARLIER)
    staged = tmp_path / "private" / "child-m"
    newer = make_pack(staged, NEWER)
    monkeypatch.setattr(staging_module, "exchange", lambda a, b: False)
    publish(staged, out / "child-m", tmp_path / "private" / "old" / "child-m")
    assert snapshot(out / "child-m") == newer


KILL_BETWEEN_RENAMES = """
import os, signal, sys
from pathlib import Path
from summarygen import _staging

out = Path(sys.argv[1])
_staging.exchange = lambda a, b: False  # a system that cannot exchange
real_rename = os.rename

def rename(source, destination):
    real_rename(source, destination)
    if Path(destination).name == "child-m" and "old" in Path(destination).parts:
        print(staging._guardian.pid if staging._guardian else 0, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # killed between the two renames

os.rename = rename
with _staging.Staging(out) as staging:
    folder = staging.folder("child-m")
    (folder / "child-m-overview.html").write_text("<p>newer</p>")
    staging.publish("child-m")
"""


def test_without_exchange_a_kill_between_the_renames_is_repaired(tmp_path: Path) -> None:
    out = tmp_path / "out"
    earlier = make_pack(out / "child-m", EARLIER)
    killed = subprocess.run(
        [sys.executable, "-c", KILL_BETWEEN_RENAMES, str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    guardian = int(killed.stdout.strip())
    assert guardian
    wait_until_ended([guardian])
    assert snapshot(out / "child-m") == earlier
    assert [p.name for p in out.iterdir()] == ["child-m"]


# --- nothing left behind -------------------------------------------------------------------


def test_the_pack_folder_is_readable_as_the_umask_allows(tmp_path: Path) -> None:
    record = load_record(SAMPLES[0])
    previous = os.umask(0o022)
    try:
        pack = build_pack(record, tmp_path, formats=["html"], documents=["press-statement"])
    finally:
        os.umask(previous)
    assert stat.S_IMODE(pack.folder.stat().st_mode) == 0o755
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in pack.folder.iterdir())
    assert [p.name for p in tmp_path.iterdir()] == [record.review.id]


def test_while_building_the_files_are_in_a_folder_only_the_author_can_open(
    tmp_path: Path,
) -> None:
    with Staging(tmp_path) as staging:
        folder = staging.folder("child-m")
        private = tmp_path / PRIVATE
        assert stat.S_IMODE(private.stat().st_mode) == 0o700
        assert folder.parent.parent == private
    assert list(tmp_path.iterdir()) == []


KILLED_WITHOUT_GUARDIAN = """
import os, signal, sys
from pathlib import Path
from summarygen._staging import Staging

staging = Staging(Path(sys.argv[1]), guard=False).__enter__()
folder = staging.folder("child-m")
(folder / "child-m-overview.docx").write_text("Flat 2, 14 Larch Avenue, SW1A 1AA")
(staging.scratch() / "summarygen-pdf-1").mkdir()
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_the_next_build_removes_what_a_killed_build_left(tmp_path: Path) -> None:
    """Where no guardian could clean up (a power cut), the next build into the folder does."""
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WITHOUT_GUARDIAN, str(tmp_path)], check=False
    )
    assert killed.returncode == -signal.SIGKILL
    left = [p for p in (tmp_path / PRIVATE).rglob("*") if p.is_file()]
    assert any(p.name == "child-m-overview.docx" for p in left)
    record = load_record(SAMPLES[0])
    build_pack(record, tmp_path, formats=["html"], documents=["press-statement"])
    assert [p.name for p in tmp_path.iterdir()] == [record.review.id]


def test_a_build_does_not_remove_what_a_running_build_is_writing(tmp_path: Path) -> None:
    with Staging(tmp_path, guard=False) as running:
        folder = running.folder("child-m")
        (folder / "child-m-overview.html").write_text("<p>half written</p>")
        clean(tmp_path / PRIVATE, tmp_path)  # what another build does as it starts
        assert (folder / "child-m-overview.html").read_text() == "<p>half written</p>"
    assert list(tmp_path.iterdir()) == []


def children_of(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def wait_until_ended(pids: list[int]) -> None:
    """Wait (up to a minute, on a busy machine) for the processes to end; fail if they don't."""
    import time

    deadline = time.monotonic() + 60
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in pids if alive(pid)], "processes still running"


@pytest.mark.parametrize("workers", ["2", "1"])
def test_a_build_killed_while_writing_leaves_the_earlier_pack_and_nothing_else(
    tmp_path: Path, workers: str
) -> None:
    """A real build, SIGKILLed once it has written a DOCX: its workers end, nothing it wrote
    is left in the output folder (the sample has identifiers the gate would block only at the
    end), and the earlier pack is byte for byte what it was."""
    out = tmp_path / "out"
    environment = {**os.environ, WORKERS_VARIABLE: workers}
    command = [sys.executable, "-m", "summarygen", "build", str(SAMPLES[0]), "-o", str(out)]
    first = subprocess.run(
        [*command, "--formats", "html", "--documents", "press-statement"],
        capture_output=True,
        check=False,
        env=environment,
        cwd=ROOT,
    )
    assert first.returncode in (0, 1), first.stderr
    (review,) = [p.name for p in out.iterdir()]
    earlier = snapshot(out / review)
    build = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=environment,
        cwd=ROOT,
    )
    try:
        import time

        deadline = time.monotonic() + 120
        while not list((out / PRIVATE).glob(f"*/{review}/*.docx")):
            assert build.poll() is None, "the build ended before it wrote a DOCX"
            assert time.monotonic() < deadline, "no DOCX written"
            time.sleep(0.01)
        children = children_of(build.pid)
        assert len(children) == (3 if workers == "2" else 1)  # the workers and the guardian
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait()
    wait_until_ended(children)
    assert [p.name for p in out.iterdir()] == [review]
    assert snapshot(out / review) == earlier


def test_check_of_a_record_leaves_no_copy_of_the_pack_even_when_killed(tmp_path: Path) -> None:
    """`check record.yaml` writes the whole pack to scan it: in a private temporary folder
    that is gone when the run ends, and when it is killed."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment = {**os.environ, "TMPDIR": str(temporary), WORKERS_VARIABLE: "2"}
    command = [sys.executable, "-m", "summarygen", "check", str(SAMPLES[0])]
    finished = subprocess.run(
        [*command, "--documents", "press-statement"],
        capture_output=True,
        check=False,
        env=environment,
    )
    assert finished.returncode in (0, 1), finished.stderr
    assert list(temporary.iterdir()) == []
    check = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment
    )
    try:
        import time

        deadline = time.monotonic() + 120
        while not list(temporary.glob(f"{PRIVATE}/*/scratch/*.docx")):
            assert check.poll() is None, "the check ended before it wrote a DOCX"
            assert time.monotonic() < deadline, "no DOCX written"
            time.sleep(0.01)
        children = children_of(check.pid)
    finally:
        check.send_signal(signal.SIGKILL)
        check.wait()
    wait_until_ended(children)
    assert list(temporary.iterdir()) == []


@pytest.mark.parametrize(
    ("make", "where", "message"),
    [
        (lambda base: (base / "afile").write_text("x"), "afile", "it is a file"),
        (lambda base: (base / "afile").write_text("x"), "afile/sub", "Not a directory"),
        (
            lambda base: (base / "out").mkdir() or (base / "out" / "child-m").symlink_to(base),
            "out",
            "child-m: it is not a folder",
        ),
    ],
    ids=["-o is a file", "-o is inside a file", "the pack's place is a link"],
)
def test_an_output_folder_that_cannot_take_the_pack_is_refused(
    tmp_path: Path, make: Callable[[Path], object], where: str, message: str
) -> None:
    from summarygen import RenderError

    make(tmp_path)
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    with pytest.raises(RenderError, match=f"cannot write the pack to .*{message}"):
        build_pack(
            load_record(SAMPLES[0]),
            tmp_path / where,
            formats=["html"],
            documents=["press-statement"],
        )
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


def test_a_private_folder_left_open_to_others_is_closed_again(tmp_path: Path) -> None:
    (tmp_path / PRIVATE).mkdir(mode=0o755)
    (tmp_path / PRIVATE).chmod(0o755)
    with Staging(tmp_path, guard=False):
        assert stat.S_IMODE((tmp_path / PRIVATE).stat().st_mode) == 0o700


def test_a_private_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / PRIVATE).symlink_to(elsewhere)
    with pytest.raises(NotADirectoryError):
        Staging(out, guard=False).__enter__()
    assert list(elsewhere.iterdir()) == []
