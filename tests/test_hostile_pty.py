"""The real app, in a pseudo-terminal, on a bundle full of terminal escape payloads.

Pilot tests see widgets, not bytes: only a real terminal session shows whether an
OSC 52 clipboard write or a CSI screen wipe in a bundle reaches the terminal. This
test starts `python -m briefing_tui open tests/data/hostile` on a 120x36 pty, reads
every byte the app writes, clicks on the `[@click=app.quit]` text (it must stay
inert: the app keeps running), presses n, n, q, and then looks for the payloads.

Textual writes its own CSI sequences, so the assertions look for bytes only the
payloads contain (the OSC 52 introducer, the OSC 8 URL inside an OSC 8 sequence,
`CSI 2J`, U+009B, U+202E, ...), never for ESC as such.
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
from pathlib import Path

from conftest import ROOT

HOSTILE = ROOT / "tests" / "data" / "hostile"
COLUMNS, ROWS = 120, 36

CLIPBOARD_B64 = b"SE9TVElMRS1DTElQQk9BUkQ="
OSC8_URL = b"https://osc8.evil.example/payload"

# Bytes that only the payloads (never Textual) would put on the wire.
FORBIDDEN: dict[str, bytes] = {
    "OSC 52 introducer": b"\x1b]52",
    "CSI 2J (erase screen)": b"\x1b[2J",
    "CSI 3J (erase scrollback)": b"\x1b[3J",
    "payload cursor move": b"\x1b[7777;7777H",
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


def _drain(fd: int, out: bytearray, seconds: float) -> bool:
    """Read whatever the app writes for `seconds`; False once the pty is closed."""
    end = time.monotonic() + seconds
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return True
        ready, _, _ = select.select([fd], [], [], min(left, 0.05))
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the app closed its side
            return False
        if not chunk:
            return False
        out += chunk


def _wait_for(fd: int, out: bytearray, needle: bytes, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while needle not in out:
        if time.monotonic() > end or not _drain(fd, out, 0.1):
            return needle in out
    return True


def _click(fd: int, x: int, y: int) -> None:
    """A left click in SGR mouse encoding (1-based cell coordinates)."""
    os.write(fd, f"\x1b[<0;{x};{y}M".encode())
    os.write(fd, f"\x1b[<0;{x};{y}m".encode())


def test_hostile_bundle_in_a_real_terminal_stays_inert(tmp_path: Path, data_dir: Path) -> None:
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL") and k not in ("COLUMNS", "LINES")
    }
    env |= {"TERM": "xterm-256color", "BRIEFING_DATA_DIR": str(data_dir), "COLORTERM": "truecolor"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefing_tui", "open", str(HOSTILE)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=tmp_path,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    out = bytearray()
    try:
        # The fact list shows the first statement once the reader is drawn.
        assert _wait_for(master, out, b"Statement one", 30), f"the reader never drew: {bytes(out[-2000:])!r}"
        assert b"\x1b[?1006h" in out, "Textual did not turn on SGR mouse reporting"
        _drain(master, out, 0.5)
        # The `[@click=app.quit]` wall at the top of the article, the fact that ends with
        # it, the country named with it, and the header that shows it in the title.
        for x, y in ((45, 4), (60, 8), (20, 11), (100, 4), (40, 1)):
            _click(master, x, y)
            _drain(master, out, 0.3)
        _drain(master, out, 1.0)
        assert proc.poll() is None, "clicking on [@click=app.quit] text ended the app"
        for key in (b"n", b"n"):
            os.write(master, key)
            _drain(master, out, 0.4)
        assert proc.poll() is None
        os.write(master, b"q")
        end = time.monotonic() + 20
        while proc.poll() is None and time.monotonic() < end:
            _drain(master, out, 0.1)
        _drain(master, out, 0.3)
        assert proc.poll() == 0, f"exit {proc.poll()}; last output {bytes(out[-2000:])!r}"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
        os.close(master)

    data = bytes(out)
    assert b"Traceback" not in data
    # The payload text did reach the screen, neutralised: placeholders stand where ESC was.
    assert b"[@click=app.quit]" in data
    assert "\ufffd]52;c;".encode() in data
    found = {name: pattern for name, pattern in FORBIDDEN.items() if pattern in data}
    assert not found, f"payload bytes reached the terminal: {sorted(found)}"
    # No OSC sequence of any kind carries the payloads' clipboard text or URL.
    for osc in re.findall(rb"\x1b\][^\x07\x1b]*", data):
        assert CLIPBOARD_B64 not in osc and OSC8_URL not in osc, osc
    # The clipboard text shows only as inert text, after a visible placeholder.
    for m in re.finditer(re.escape(CLIPBOARD_B64), data):
        assert data[max(0, m.start() - 9) : m.start()].endswith(b"]52;c;")
        assert b"\x1b" not in data[max(0, m.start() - 9) : m.start()]
