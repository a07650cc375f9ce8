"""``summarygen preview``: serves on 127.0.0.1 only with a strict policy, writes nothing in
the record's folder, says what is wrong with bad input (exit 2), and stops cleanly on Ctrl-C
(exit 0, no traceback)."""

from __future__ import annotations

import http.client
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from summarygen.preview.server import CONTENT_SECURITY_POLICY

COMMAND = [sys.executable, "-m", "summarygen", "preview"]


def start(record: Path, *extra: str) -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen(
        [*COMMAND, str(record), "--no-browser", *extra],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    line = process.stderr.readline()
    assert "Preview of child-m.yaml: http://127.0.0.1:" in line, line
    port = int(line.split("http://127.0.0.1:", 1)[1].split("/", 1)[0])
    return process, port


def get(port: int, path: str, host: str = "127.0.0.1") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={"Host": host})
    return connection.getresponse()


def test_serves_locally_writes_nothing_and_stops_on_ctrl_c(record: Path) -> None:
    before = sorted(record.parent.iterdir())
    process, port = start(record)
    try:
        page = get(port, "/?doc=children")
        body = page.read().decode()
        assert page.status == 200
        assert page.getheader("Content-Security-Policy") == CONTENT_SECURITY_POLICY
        assert "For children and young people" in body
        assert '<script src="/static/preview.js" defer></script>' in body
        assert "<style" not in body and " style=" not in body  # the policy allows neither
        assert get(port, "/?doc=no-such").status == 404
        # child-m has no action plan updates: no progress report, neither listed nor a 500
        assert "?doc=progress-report" not in body
        for part in ("/?doc=progress-report", "/part?doc=opening-statement"):
            made_not = get(port, part)
            assert made_not.status == 200, part
            assert "Overview report" in made_not.read().decode()
        assert get(port, "/", host="evil.example").status == 400  # DNS rebinding
        assert get(port, "/static/preview.js").status == 200
        assert get(port, "/static/../session.py").status == 404
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0
    assert "Traceback" not in stderr
    assert "Preview stopped." in stderr
    assert sorted(record.parent.iterdir()) == before


def listening_addresses(port: int) -> set[str]:
    """The local addresses a socket listens on at ``port``, from the kernel's own table."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's socket table")
def test_listens_on_127_0_0_1_only(record: Path) -> None:
    process, port = start(record)
    try:
        assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, little-endian hex
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)


@pytest.mark.parametrize("case", ["missing record", "port taken"])
def test_bad_input_exits_2_with_a_reason(record: Path, case: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        if case == "missing record":
            arguments = [str(record.parent / "nothing.yaml")]
            expected = "no such record file"
        else:
            arguments = [str(record), "--port", str(taken.getsockname()[1])]
            expected = "cannot listen on 127.0.0.1"
        result = subprocess.run(
            [*COMMAND, *arguments, "--no-browser"], capture_output=True, text=True, timeout=60
        )
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
