"""Run the CLI in a process of its own, as `aiwatch` runs, but forked from the test run.

A crash in native code (libyaml, SQLite) must show as a signal and a hang as a timeout, not take the
test run down, so hostile inputs run in a child process. Forking the already-imported CLI costs a few
milliseconds where a fresh interpreter costs 0.3 s of start-up; the hostile suites run it hundreds of times.
"""

import importlib
import os
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

HUNG = 10.0  # seconds after which a child is killed: far beyond any time limit a test sets
# What the CLI imports only when a command needs it: imported once here, not again in every child
LAZY_IMPORTS = ("aiwatch.schema", "aiwatch.build", "aiwatch.validate", "aiwatch.search", "aiwatch.pages",
                "aiwatch.graph", "aiwatch.views.page", "aiwatch.views.search", "aiwatch.views.timeline",
                "aiwatch.views.problems", "aiwatch.export.tables", "aiwatch.export.graphs", "aiwatch.export.markdown",
                "aiwatch.export.database", "rapidfuzz.process", "rich.console", "rich.table")


def run_cli(args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
            ) -> tuple[subprocess.CompletedProcess, float]:
    """`aiwatch ARGS` through the console script's `main()` in a forked child: the finished process and how
    long it took. A signal gives a negative return code, as with subprocess; a hang is killed (SIGKILL)."""
    for module in LAZY_IMPORTS:
        importlib.import_module(module)
    from aiwatch.cli import main

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the test run
            code = 70
            try:
                if cwd:
                    os.chdir(cwd)
                os.environ.update(env or {})
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - closed by _exit
                sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
                sys.argv = ["aiwatch", *args]
                try:
                    main()
                    code = 0
                except SystemExit as exit_:
                    code = exit_.code if isinstance(exit_.code, int) else 0 if exit_.code is None else 1
            except BaseException:  # what would reach the user as a traceback: show it, fail the test
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        status = _wait(pid)
        took = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(["aiwatch", *args], status, out.read(), err.read()), took


def _wait(pid: int) -> int:
    """The child's exit code, or minus the signal that ended it."""
    deadline = time.monotonic() + HUNG
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        time.sleep(0.002)


def in_terminal(args: list[str], env: dict[str, str]) -> str:
    """What a person at a colour terminal sees: `aiwatch ARGS` in a pseudo-terminal (NO_COLOR from the
    test run's environment is dropped unless ENV sets it)."""
    import pty

    main, follower = pty.openpty()
    inherited = {name: value for name, value in os.environ.items() if name != "NO_COLOR"}
    process = subprocess.Popen([sys.executable, "-m", "aiwatch", *args], stdout=follower, stderr=follower,
                               env={**inherited, "COLUMNS": "120", "TERM": "xterm-256color", **env})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode("utf-8")
