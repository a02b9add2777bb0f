"""Run the real app in a pseudo-terminal and read every byte it writes.

Pilot tests see widgets, not bytes: only a real terminal session shows whether an
escape sequence from a bundle reaches the terminal. `PtyApp` starts
`python -m briefing_tui ...` on a pty of a given size, feeds it keys and clicks,
and keeps all output; `VirtualScreen` replays that output onto a grid of cells so
a test can find where a word is drawn (to click it) and what a screen shows now.

Textual writes its own CSI sequences, so the checks look for bytes only the
payloads contain (the OSC 52 introducer, `CSI 2J`, U+009B, U+202E, ...), never for
ESC as such.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Mapping
from pathlib import Path

from rich.cells import cell_len

COLUMNS, ROWS = 120, 36

# Bytes that only the payloads (never Textual) would put on the wire.
FORBIDDEN: dict[str, bytes] = {
    "OSC 52 introducer": b"\x1b]52",
    "CSI 2J (erase screen)": b"\x1b[2J",
    "CSI 3J (erase scrollback)": b"\x1b[3J",
    "payload cursor move": b"\x1b[7777;7777H",
    "OSC 0 (window title) from a payload": b"\x1b]0;PWNED",
    "DCS introducer (ESC P)": b"\x1bP",  # Textual writes no DCS at all
    "OSC 8 to a file: URL": b"\x1b]8;;file:",
    "U+009B (C1 CSI)": "\u009b".encode(),
    "U+0085 (C1 NEL)": "\u0085".encode(),
    "U+009D (C1 OSC)": "\u009d".encode(),
    "U+202E (RLO)": "\u202e".encode(),
    "U+202A (LRE)": "\u202a".encode(),
    "U+2066 (LRI)": "\u2066".encode(),
    "U+2068 (FSI)": "\u2068".encode(),
    "U+2069 (PDI)": "\u2069".encode(),
    "DEL": b"\x7f",
    "backspace": b"\x08",
}

# Text that may show on screen (neutralised) but never inside an OSC sequence.
OSC_PAYLOAD_TEXT = (
    b"SE9TVElMRS1DTElQQk9BUkQ=",  # base64("HOSTILE-CLIPBOARD")
    b"UFdORUQ=",  # base64("PWNED")
    b"PWNED",
    b"osc8.evil.example",
    b"file:",
    b"/etc/passwd",
    b"e.com",
)

OSC = re.compile(rb"\x1b\][^\x07\x1b]*")
# OSC 8 as Textual writes it (`ESC]8;id=...;URL`) or as a payload would (`ESC]8;;URL`).
OSC8_FILE = re.compile(rb"\x1b\]8;[^;\x07\x1b]*;file:")

ESCAPE, ENTER, TAB, DOWN, CTRL_P = b"\x1b", b"\r", b"\t", b"\x1b[B", b"\x10"


def forbidden_in(data: bytes) -> list[str]:
    """Names of the payload byte patterns found in `data`."""
    found = [name for name, pattern in FORBIDDEN.items() if pattern in data]
    if OSC8_FILE.search(data):
        found.append("OSC 8 hyperlink to a file: URL")
    return sorted(set(found))


def oscs_with_payload_text(data: bytes) -> list[bytes]:
    """Every OSC sequence that carries text from a payload (a clipboard write, a title, a link)."""
    return [osc for osc in OSC.findall(data) if any(t in osc for t in OSC_PAYLOAD_TEXT)]


def clean_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The test's environment, without what would change Textual's size or driver."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TEXTUAL") and k not in ("COLUMNS", "LINES", "BRIEFING_CONTENT_PATH")
    }
    env |= {"TERM": "xterm-256color", "BRIEFING_DATA_DIR": str(data_dir), "COLORTERM": "truecolor"}
    env |= {"BRIEFING_FLAGS": "0"}
    return env | extra


class PtyApp:
    """`python -m briefing_tui ARGS` on a pty; every byte it writes is kept in `out`."""

    def __init__(
        self,
        args: list[str],
        env: Mapping[str, str],
        cwd: Path,
        columns: int = COLUMNS,
        rows: int = ROWS,
    ) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.fd = master
        self.out = bytearray()
        self.closed = False
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "briefing_tui", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=dict(env),
            cwd=cwd,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.screen = VirtualScreen(columns, rows)

    # --- reading ------------------------------------------------------------

    def drain(self, seconds: float) -> bool:
        """Read whatever the app writes for `seconds`; False once the pty is closed."""
        end = time.monotonic() + seconds
        while not self.closed:
            left = end - time.monotonic()
            if left <= 0:
                return True
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.05))
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # EIO: the app closed its side
                chunk = b""
            if not chunk:
                self.closed = True
                break
            self.out += chunk
            self.screen.feed(chunk)
        return False

    def wait_for(self, needle: bytes, seconds: float, since: int = 0) -> bool:
        """Wait until `needle` appears in the output written after offset `since`."""
        end = time.monotonic() + seconds
        while needle not in self.out[since:]:
            if time.monotonic() > end or not self.drain(0.05):
                return needle in self.out[since:]
        return True

    def wait_for_screen(self, text: str, seconds: float) -> bool:
        """Wait until `text` is drawn on one row of the screen as it stands."""
        end = time.monotonic() + seconds
        while self.screen.find(text) is None:
            if time.monotonic() > end or not self.drain(0.05):
                return self.screen.find(text) is not None
        return True

    # --- writing ------------------------------------------------------------

    def send(self, keys: bytes, settle: float = 0.0) -> None:
        os.write(self.fd, keys)
        if settle:
            self.drain(settle)

    def type(self, text: str, settle: float = 0.05) -> None:
        for ch in text:
            self.send(ch.encode(), settle)

    def click(self, x: int, y: int) -> None:
        """A left click in SGR mouse encoding (1-based cell coordinates)."""
        os.write(self.fd, f"\x1b[<0;{x};{y}M".encode())
        os.write(self.fd, f"\x1b[<0;{x};{y}m".encode())

    # --- the end ------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.proc.poll() is None

    def wait_exit(self, seconds: float) -> int | None:
        end = time.monotonic() + seconds
        while self.proc.poll() is None and time.monotonic() < end:
            self.drain(0.1)
        self.drain(0.3)
        return self.proc.poll()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        os.close(self.fd)

    def tail(self, n: int = 2000) -> bytes:
        return bytes(self.out[-n:])


# One terminal control sequence, or one printable character.
_SEQUENCE = re.compile(
    r"\x1b\[([0-9;?<>=]*)[ -/]*([@-~])"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b."  # any other escape
    r"|[\x00-\x1f\x7f]"  # other C0 controls and DEL
    r"|(.)",
    re.DOTALL,
)


class VirtualScreen:
    """Enough of a terminal to know what Textual drew where: absolute cursor moves
    (`CSI row;col H`, `CSI col G`), CR/LF and printable text. Styles are ignored."""

    def __init__(self, columns: int, rows: int) -> None:
        self.columns, self.rows = columns, rows
        self.cells = [[" "] * columns for _ in range(rows)]
        self.x = self.y = 0
        self._pending = b""

    def feed(self, data: bytes) -> None:
        data = self._pending + data
        # Keep an incomplete UTF-8 character or escape sequence for the next chunk.
        cut = len(data)
        tail = data.rfind(b"\x1b", max(0, len(data) - 64))
        if tail != -1 and not re.search(rb"[@-~\x07]", data[tail + 2 :]):
            cut = tail
        while cut > 0 and 0x80 <= data[cut - 1] < 0xC0 and cut > len(data) - 4:
            cut -= 1
        if cut > 0 and data[cut - 1] >= 0xC0:
            cut -= 1
        self._pending = data[cut:]
        self._apply(data[:cut].decode("utf-8", errors="replace"))

    def _apply(self, text: str) -> None:
        for m in _SEQUENCE.finditer(text):
            char = m.group(3)
            if char is not None:
                self._put(char)
                continue
            whole = m.group(0)
            if whole == "\r":
                self.x = 0
            elif whole == "\n":
                self.y = min(self.rows - 1, self.y + 1)
            elif m.group(2) in ("H", "f") and not m.group(1).startswith("?"):
                parts = [int(p) if p.isdigit() else 1 for p in (m.group(1) or "1;1").split(";")]
                row, col = (parts + [1, 1])[:2]
                self.y = max(0, min(self.rows - 1, row - 1))
                self.x = max(0, min(self.columns - 1, col - 1))
            elif m.group(2) == "G":
                self.x = max(0, min(self.columns - 1, int(m.group(1) or 1) - 1))

    def _put(self, char: str) -> None:
        width = cell_len(char)
        if width == 0 or self.x >= self.columns:
            return
        self.cells[self.y][self.x] = char
        if width == 2 and self.x + 1 < self.columns:
            self.cells[self.y][self.x + 1] = ""
        self.x += width

    def lines(self) -> list[str]:
        return ["".join(row) for row in self.cells]

    def text(self) -> str:
        return "\n".join(self.lines())

    def find(self, needle: str, after: tuple[int, int] | None = None) -> tuple[int, int] | None:
        """1-based (x, y) cell of the first `needle` on the screen (at or after the cell
        `after`, in reading order), or None."""
        first_x, first_y = after or (1, 1)
        for y, row in enumerate(self.cells[first_y - 1 :], start=first_y - 1):
            line = "".join(c if c else "\0" for c in row)
            i = line.find(needle, first_x - 1 if y == first_y - 1 else 0)
            if i != -1:
                return i + 1, y + 1
        return None
