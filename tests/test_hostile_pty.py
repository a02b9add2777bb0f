"""The real app, in a pseudo-terminal, on a bundle full of terminal escape payloads.

Pilot tests see widgets, not bytes: only a real terminal session shows whether an
OSC 52 clipboard write or a CSI screen wipe in a bundle reaches the terminal. This
test starts `python -m briefing_tui open tests/data/hostile` on a 120x36 pty, reads
every byte the app writes, clicks on the `[@click=app.quit]` text (it must stay
inert: the app keeps running), presses n, n, q, and then looks for the payloads.

Textual writes its own CSI sequences, so the assertions look for bytes only the
payloads contain (pty_helpers.FORBIDDEN: the OSC 52 introducer, `CSI 2J`, U+009B,
U+202E, ...), never for ESC as such. tests/test_hostile_walk.py walks every screen.
"""

from __future__ import annotations

import re
from pathlib import Path

from hostile_data import HOSTILE
from pty_helpers import PtyApp, clean_env, forbidden_in

CLIPBOARD_B64 = b"SE9TVElMRS1DTElQQk9BUkQ="
OSC8_URL = b"https://osc8.evil.example/payload"


def test_hostile_bundle_in_a_real_terminal_stays_inert(tmp_path: Path, data_dir: Path) -> None:
    app = PtyApp(["open", str(HOSTILE)], clean_env(data_dir), tmp_path)
    try:
        # The fact list shows the first statement once the reader is drawn.
        assert app.wait_for(b"Statement one", 30), f"the reader never drew: {app.tail()!r}"
        assert b"\x1b[?1006h" in app.out, "Textual did not turn on SGR mouse reporting"
        app.drain(0.5)
        # The `[@click=app.quit]` wall at the top of the article, the fact that ends with
        # it, the country named with it, and the header that shows it in the title.
        for x, y in ((45, 4), (60, 8), (20, 11), (100, 4), (40, 1)):
            app.click(x, y)
            app.drain(0.3)
        app.drain(1.0)
        assert app.running, "clicking on [@click=app.quit] text ended the app"
        for key in (b"n", b"n"):
            app.send(key, 0.4)
        assert app.running
        app.send(b"q")
        code = app.wait_exit(20)
        assert code == 0, f"exit {code}; last output {app.tail()!r}"
    finally:
        app.close()

    data = bytes(app.out)
    assert b"Traceback" not in data
    # The payload text did reach the screen, neutralised: placeholders stand where ESC was.
    assert b"[@click=app.quit]" in data
    assert "\ufffd]52;c;".encode() in data
    found = forbidden_in(data)
    assert not found, f"payload bytes reached the terminal: {found}"
    # No OSC sequence of any kind carries the payloads' clipboard text or URL.
    for osc in re.findall(rb"\x1b\][^\x07\x1b]*", data):
        assert CLIPBOARD_B64 not in osc and OSC8_URL not in osc, osc
    # The clipboard text shows only as inert text, after a visible placeholder.
    for m in re.finditer(re.escape(CLIPBOARD_B64), data):
        assert data[max(0, m.start() - 9) : m.start()].endswith(b"]52;c;")
        assert b"\x1b" not in data[max(0, m.start() - 9) : m.start()]
