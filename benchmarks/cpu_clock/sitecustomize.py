"""Loaded by the start-up benchmark's CPU runs (``PYTHONPATH`` names this folder).

On ``SIGUSR1`` the process appends its CPU time so far — every thread's, the
ones that already ended included (:func:`time.process_time`) — in milliseconds
to the file ``PHULY_BENCH_CPU_OUT`` names.  The benchmark sends the signal when
the first titles are on screen.  CPU time hardly moves when other processes
load the machine, unlike the wall-clock time to the same moment.
"""

from __future__ import annotations

import os
import signal
import time
from types import FrameType


def _write_cpu_time(signum: int, frame: FrameType | None) -> None:
    with open(os.environ["PHULY_BENCH_CPU_OUT"], "a", encoding="ascii") as out:
        out.write(f"{time.process_time() * 1000:.2f}\n")


if os.environ.get("PHULY_BENCH_CPU_OUT"):
    signal.signal(signal.SIGUSR1, _write_cpu_time)
