"""Timing `briefing` from outside the process, in a real terminal: tmux.

Why tmux: it is a real terminal emulator (the app negotiates, draws and reads
keys exactly as for a user), it runs headless, and `capture-pane` shows what a
user would see. A private server (`-L`, no config file) keeps the user's own
tmux untouched, and a keeper session started first means no figure pays for
the server's start-up.

Clocks: a figure starts just before `tmux new-session` (or `send-keys`) is
spawned and stops at the first `capture-pane` that shows the expected text.
Polling every ~10 ms, each capture costing a few ms of a fork, bounds the
error at about 15 ms per figure.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import time
from collections.abc import Callable, Mapping
from pathlib import Path

POLL = 0.01
TIMEOUT = 60.0
_TICKS = os.sysconf("SC_CLK_TCK")


def tmux_path() -> str | None:
    return shutil.which("tmux")


class TmuxError(RuntimeError):
    pass


class Tmux:
    """A private tmux server holding one keeper session; `close()` kills it."""

    def __init__(self, width: int = 120, height: int = 36) -> None:
        exe = tmux_path()
        if exe is None:
            raise TmuxError("tmux is not installed")
        self.exe = exe
        self.socket = f"briefing-bench-{os.getpid()}-{time.monotonic_ns()}"
        self.width = width
        self.height = height
        self._count = 0
        self.run("new-session", "-d", "-s", "keeper", "-x", str(width), "-y", str(height), "sleep 86400")
        # A pane whose program died keeps its last screen, so a crash can be shown.
        self.run("set-option", "-g", "remain-on-exit", "on")
        self.socket_path = self.run("display-message", "-p", "#{socket_path}").strip()

    def run(self, *args: str, check: bool = True) -> str:
        proc = subprocess.run(
            [self.exe, "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
        )
        if check and proc.returncode != 0:
            raise TmuxError(f"tmux {' '.join(args[:2])}: {proc.stderr.strip()}")
        return proc.stdout

    def close(self) -> None:
        self.run("kill-server", check=False)
        if self.socket_path:  # tmux leaves its socket file behind
            Path(self.socket_path).unlink(missing_ok=True)

    def __enter__(self) -> Tmux:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Pane:
    """One program running in its own session of the private server."""

    def __init__(
        self, tmux: Tmux, argv: list[str], env: Mapping[str, str], unset: tuple[str, ...] = ()
    ) -> None:
        self.tmux = tmux
        tmux._count += 1
        self.name = f"bench{tmux._count}"
        assigns = [f"-u{k}" for k in unset] + [f"{k}={v}" for k, v in env.items()]
        # `exec env ...`: the pane's own process becomes the Python process, so
        # its pid is the one whose memory we read.
        self.command = "exec env " + " ".join(shlex.quote(a) for a in [*assigns, *argv])
        self.started = 0.0
        self.pid = 0

    def start(self) -> float:
        """Spawn the program; returns the perf_counter just before spawning."""
        self.started = time.perf_counter()
        self.tmux.run(
            "new-session",
            "-d",
            "-s",
            self.name,
            "-x",
            str(self.tmux.width),
            "-y",
            str(self.tmux.height),
            self.command,
        )
        self.pid = int(self.tmux.run("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())
        return self.started

    def capture(self) -> str:
        return self.tmux.run("capture-pane", "-p", "-t", self.name, check=False)

    def dead(self) -> bool:
        out = self.tmux.run("display-message", "-p", "-t", self.name, "#{pane_dead}", check=False)
        return out.strip() == "1"

    def wait_for(self, test: Callable[[str], bool], timeout: float = TIMEOUT) -> tuple[float, str]:
        """Poll the screen until `test(screen)`; returns (perf_counter when seen, screen)."""
        deadline = time.perf_counter() + timeout
        polls = 0
        while True:
            screen = self.capture()
            now = time.perf_counter()
            if test(screen):
                return now, screen
            polls += 1
            if now > deadline or (polls % 20 == 0 and self.dead()):
                raise TmuxError(
                    f"{self.name}: expected text not seen"
                    f" ({'program exited' if self.dead() else 'timed out'}); screen:\n{screen}"
                )
            time.sleep(POLL)

    def send(self, *keys: str) -> float:
        """Send keys (tmux names: `n`, `G`, `/`, `Enter`); returns perf_counter just before."""
        started = time.perf_counter()
        self.tmux.run("send-keys", "-t", self.name, *keys)
        return started

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS

    def wait_idle(self, quiet: float = 0.5, timeout: float = TIMEOUT) -> float:
        """Wait until the program uses < 4% CPU over `quiet` seconds; returns seconds waited."""
        start = time.perf_counter()
        last = self.cpu_seconds()
        while time.perf_counter() - start < timeout:
            time.sleep(quiet)
            now = self.cpu_seconds()
            if now - last < quiet * 0.04:
                break
            last = now
        return time.perf_counter() - start

    def peak_rss_mb(self) -> float:
        """VmHWM: the most resident memory the process ever had."""
        status = Path(f"/proc/{self.pid}/status").read_text()
        match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
        if match is None:
            raise TmuxError(f"no VmHWM for pid {self.pid}")
        return int(match[1]) / 1024

    def command_line(self) -> str:
        return Path(f"/proc/{self.pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()

    def kill(self) -> None:
        self.tmux.run("kill-session", "-t", self.name, check=False)
