"""Parse a big page in a separate process, so the app keeps answering keys.

Why a process and not a thread: a thread shares Python's GIL with the event
loop.  Parsing a 3 MB page (a 20,000-row table, issue 9 item 14) is about a
second of Python plus long single C calls that hold the GIL throughout (lexbor
building the tree); a key pressed meanwhile waits for them, and every frame the
app draws takes about twice as long while the parser competes for the GIL.  In
a child process the parse has its own interpreter: the app only waits for the
answer without holding anything.

Only pages of :data:`OFFLOAD_BYTES` or more go out: the portal's articles
(115–210 KB) parse in about half a millisecond, far less than starting a
Python process (≈ 0.1–0.2 s of CPU).  Nothing is started ahead of time, so the
app's start-up does not move; each big page gets a fresh ``python -c`` child
(no pool to manage or shut down, no ``fork`` of a threaded process, and no
re-import of the program's ``__main__`` as :mod:`multiprocessing` would do).

The call and its answer cross the pipe as pickles between this process and the
child it started (the call is named by module and function, as ``pickle``
does).  If the child cannot be started, dies, or answers with something that
cannot be read, or fails with something that is not one of the parser's own
errors (a bug: its traceback belongs in the log), the page is parsed in a
thread as before and the reason is logged: the offload can make a page
slower, never fail it.  A load that is
cancelled (the user moved on) kills the child.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final, TypeVar

__all__ = ["OFFLOAD_BYTES", "run_parse", "serve"]

log = logging.getLogger(__name__)

T = TypeVar("T")

#: pages of this many bytes or more are parsed in a child process
OFFLOAD_BYTES: Final = 512 * 1024
#: what the child runs: read one pickled call from stdin, answer on stdout
_CHILD_CODE: Final = "from phuly_tui.parse.offload import serve; serve()"
#: the folder holding this ``phuly_tui`` package: the child imports the same copy
_PACKAGE_ROOT: Final = str(Path(__file__).resolve().parent.parent.parent)


class _ChildFailed(Exception):
    """The child process gave no usable answer (not the page's fault)."""


async def run_parse(func: Callable[..., T], *args: Any, size: int) -> T:
    """``func(*args)`` off the event loop: in a child process when ``size`` (the
    page's bytes) is at least :data:`OFFLOAD_BYTES`, else in a thread.

    ``func`` must be a module-level function and ``args`` picklable.  Whatever
    ``func`` raises is raised here (the parser's errors cross the pipe).
    """
    if size < OFFLOAD_BYTES or not sys.executable:
        return await asyncio.to_thread(func, *args)
    try:
        return await _in_child(func, args)
    except _ChildFailed as failure:
        log.warning("parsing in a child process failed (%s); parsing in a thread", failure)
        return await asyncio.to_thread(func, *args)


async def _in_child(func: Callable[..., T], args: tuple[Any, ...]) -> T:
    try:
        call = pickle.dumps((func, args), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        raise _ChildFailed(f"the call cannot be sent: {error}") from error
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
    try:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            _CHILD_CODE,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )
    except (OSError, ValueError, RuntimeError) as error:  # RuntimeError: no child watcher
        raise _ChildFailed(f"cannot start: {error}") from error
    try:
        answer, errors = await process.communicate(call)
    finally:
        if process.returncode is None:  # cancelled: the page is no longer wanted
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            with contextlib.suppress(Exception):
                await asyncio.shield(process.wait())
    if process.returncode != 0:
        tail = errors.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise _ChildFailed(f"exit status {process.returncode}: {tail[0]}")
    try:
        # a thread: unpickling a big article is one C call (tens of ms) that
        # holds the GIL either way, but the event loop is not the one waiting
        outcome, value = await asyncio.to_thread(pickle.loads, answer)
    except Exception as error:
        raise _ChildFailed(f"unreadable answer: {error}") from error
    if outcome == "raised" and isinstance(value, Exception):
        raise value
    if outcome != "returned":
        raise _ChildFailed(f"unexpected answer {outcome!r}")
    result: T = value
    return result


def serve() -> None:
    """The child's side: one pickled ``(func, args)`` on stdin, one pickled
    ``("returned", value)`` or ``("raised", error)`` (a :class:`PhulyError`: the
    parser's) on stdout; anything else exits non-zero, so the call is made
    again in a thread of the caller."""
    from ..errors import PhulyError

    func, args = pickle.loads(sys.stdin.buffer.read())
    try:
        answer: tuple[str, object] = ("returned", func(*args))
    except PhulyError as error:  # the parser's errors travel to the caller
        answer = ("raised", error)
    except Exception as error:  # a bug: the caller runs it again in a thread, where
        # it raises with its whole traceback for the log (logs is the one crash logger)
        sys.stderr.write(f"{type(error).__name__}: {error}\n")
        raise SystemExit(4) from error
    try:
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.loads(data)  # an exception that cannot be rebuilt is sent as failure
    except Exception as error:
        sys.stderr.write(f"cannot send the answer: {error!r}\n")
        raise SystemExit(3) from error
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
