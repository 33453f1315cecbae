"""Run a program in a real pseudo-terminal and time when a text appears on screen.

Used by the start-up and memory benchmarks: the process gets a pty of a given
size (as in a terminal emulator), its output is read as it comes, escape
sequences are stripped, and the time from spawn to the first occurrence of a
marker text is recorded.  The process's resident memory can be read while it
runs, and — when it was started with ``cpu_clock/`` on its ``PYTHONPATH`` — the
CPU time it had used when the marker showed.  Linux only (``/proc``); run on
demand, never in the test suite.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from dataclasses import dataclass
from pathlib import Path

_ANSI = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)


#: the folder whose ``sitecustomize`` reports the process's CPU time on SIGUSR1
CPU_CLOCK_DIR = Path(__file__).resolve().parent / "cpu_clock"


@dataclass
class PtyResult:
    seconds: float | None
    rss_kib: int | None
    #: CPU time (all threads) when the marker showed, when asked for
    cpu_ms: float | None = None


def _cpu_ms(pid: int, out: Path) -> float | None:
    """Ask the process for its CPU time (see ``cpu_clock/sitecustomize.py``)."""
    out.write_text("", encoding="ascii")
    try:
        os.kill(pid, signal.SIGUSR1)
    except ProcessLookupError:
        return None
    deadline = time.perf_counter() + 2.0
    while time.perf_counter() < deadline:
        text = out.read_text(encoding="ascii").strip()
        if text:
            return float(text.splitlines()[0])
        time.sleep(0.01)
    return None


def _rss_kib(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def run_until(
    argv: list[str],
    marker: str,
    *,
    env: dict[str, str] | None = None,
    size: tuple[int, int] = (120, 36),
    timeout: float = 20.0,
    settle: float = 0.0,
    cpu_out: Path | None = None,
) -> PtyResult:
    """Spawn ``argv`` in a pty; return the seconds until ``marker`` shows (and RSS).

    ``settle`` waits that long after the marker before reading memory, so
    that work scheduled right after the first frame is counted too.
    ``cpu_out``: the process runs with :data:`CPU_CLOCK_DIR` on its
    ``PYTHONPATH`` and reports its CPU time through that file when the marker
    shows (the wall-clock figure of such a run includes that report's set-up).
    """
    master, slave = os.openpty()
    cols, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    full_env = dict(os.environ if env is None else env)
    full_env.setdefault("TERM", "xterm-256color")
    if cpu_out is not None:
        paths = [str(CPU_CLOCK_DIR), full_env.get("PYTHONPATH", "")]
        full_env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
        full_env["PHULY_BENCH_CPU_OUT"] = str(cpu_out)
        cpu_out.write_text("", encoding="ascii")
    full_env["COLUMNS"], full_env["LINES"] = str(cols), str(rows)
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=full_env,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    buffer = b""
    wanted = marker.encode("utf-8")
    found: float | None = None
    rss: int | None = None
    cpu: float | None = None
    try:
        deadline = start + timeout
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                buffer += chunk
                if wanted in _ANSI.sub(b"", buffer):
                    found = time.perf_counter() - start
                    if cpu_out is not None:
                        cpu = _cpu_ms(proc.pid, cpu_out)
                    break
            if proc.poll() is not None:
                break
        if found is not None:
            end_settle = time.perf_counter() + settle
            while time.perf_counter() < end_settle:
                ready, _, _ = select.select([master], [], [], 0.05)
                if ready:
                    try:
                        os.read(master, 65536)
                    except OSError:
                        break
            rss = _rss_kib(proc.pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)
    return PtyResult(found, rss, cpu)
