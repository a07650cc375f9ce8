"""Time the live preview from a save of the record to the updated data for the changed
document (issue 15's bound: median <= 300 ms for the child-m sample on a 2-core machine).

A copy of samples/child-m.yaml is served by the preview (its real server, in this process);
each run saves the copy with one sentence of the children's version changed (a hard sentence
shortened, then put back), and the clock runs from the write until the server's update event
has arrived and ``/part?doc=children`` (the side list and the highlighted document) has
been read back. The file watcher's own wait (40 ms debounce) is inside the figure.

    .venv/bin/python bench/bench_preview.py [--runs N]

The machine's load average is printed too: on a shared machine the wall-clock figures
grow with it. Also printed: the same save worked out without the server
(``PreviewSession.refresh``, with its CPU time), and a refresh that recomposes and
rechecks everything (no cache), for comparison.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from summarygen.preview import PreviewSession, listening_socket, run_in_thread

ROOT = Path(__file__).resolve().parent.parent
HARD = "We wanted to find\n    out how the people meant to keep him safe could have helped more."
SHORT = "We wanted to learn\n    how people could help more."


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        record = Path(folder) / "child-m.yaml"
        shutil.copy(ROOT / "samples" / "child-m.yaml", record)
        original = record.read_text()
        edited = original.replace(HARD, SHORT, 1)
        assert edited != original
        texts = [edited, original]

        session = PreviewSession(record)
        sock = listening_socket(0)
        port = sock.getsockname()[1]
        stop = run_in_thread(session, sock)
        events = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        events.request("GET", "/events")
        stream = events.getresponse()
        _next_event(stream)  # hello
        part = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        part.request("GET", "/part?doc=children")  # as an open page does: warms its render
        part.getresponse().read()
        timings = []
        for run in range(args.runs + 1):
            time.sleep(0.3)
            start = time.perf_counter()
            record.write_text(texts[run % 2])
            _next_event(stream)
            part.request("GET", "/part?doc=children")
            part.getresponse().read()
            if run:  # the first is a warm-up
                timings.append(time.perf_counter() - start)
        stop()

        direct, cpu = [], []
        for run in range(args.runs):
            record.write_text(texts[run % 2])
            start, start_cpu = time.perf_counter(), time.thread_time()
            session.refresh()
            direct.append(time.perf_counter() - start)
            cpu.append(time.thread_time() - start_cpu)
        cold = []
        for run in range(3):
            record.write_text(texts[run % 2])
            start = time.perf_counter()
            PreviewSession(record).refresh()
            cold.append(time.perf_counter() - start)

    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(
        f"save -> updated children data, median of {args.runs}: "
        f"{statistics.median(timings) * 1000:.0f} ms "
        f"(min {min(timings) * 1000:.0f}, max {max(timings) * 1000:.0f})"
    )
    print(
        f"refresh after the same save, no server: {statistics.median(direct) * 1000:.0f} ms "
        f"({statistics.median(cpu) * 1000:.0f} ms of CPU: the figure a busy machine inflates least)"
    )
    print(
        f"refresh with nothing cached (all 8 composed and checked): "
        f"{statistics.median(cold) * 1000:.0f} ms"
    )


def _next_event(stream: http.client.HTTPResponse) -> str:
    """The data line of the next event that is not a keep-alive ping."""
    event = ""
    while True:
        line = stream.readline().decode().rstrip("\r\n")
        if line.startswith("event:"):
            event = line.split(":", 1)[1].strip()
        elif line.startswith("data:") and event in ("hello", "update"):
            return line
        elif line == "":
            event = ""


if __name__ == "__main__":
    main()
