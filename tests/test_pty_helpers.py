"""The pty test helpers themselves: the virtual screen and the payload checks."""

from __future__ import annotations

import re

from pty_helpers import VirtualScreen, forbidden_in, oscs_with_payload_text


def test_virtual_screen_places_text_where_the_cursor_moves() -> None:
    """The helper the walk uses to find a word to click: moves, wide characters, chunks."""
    screen = VirtualScreen(20, 4)
    screen.feed(b"\x1b[2;3Habc\x1b[1m\xe4\xb8\xad")  # a wide CJK character after "abc"
    screen.feed(b"\xe6\x96\x87x\x1b]0;title\x07\x1b[4")  # split UTF-8 and a split CSI
    screen.feed(b";1Hend\x1b[5Gz")
    assert screen.find("abc") == (3, 2)
    assert screen.find("x") == (10, 2)  # 中 and 文 take two cells each
    assert screen.find("end") == (1, 4)
    assert screen.find("z") == (5, 4)
    assert screen.find("title") is None
    assert screen.find("abc", after=(3, 2)) == (3, 2)
    assert screen.find("abc", after=(4, 2)) is None
    assert re.search("end z", screen.lines()[3])


def test_payload_checks_name_what_they_find_and_pass_textual_s_own_sequences() -> None:
    textual = b"\x1b[?1049h\x1b[?1006h\x1b[1;1H\x1b[38;2;1;2;3mtext\x1b[0m\x1b]8;id=1;https://example.org\x1b\\"
    assert forbidden_in(textual) == []
    assert oscs_with_payload_text(textual) == []
    assert forbidden_in(b"a\x1b]52;c;UFdORUQ=\x07") == ["OSC 52 introducer"]
    assert forbidden_in(b"\x1b]8;id=7;file:///etc/passwd\x1b\\") == ["OSC 8 hyperlink to a file: URL"]
    assert forbidden_in(b"\x1bPq#0\x1b\\") == ["DCS introducer (ESC P)"]
    assert oscs_with_payload_text(b"\x1b]0;PWNED-TITLE\x07") == [b"\x1b]0;PWNED-TITLE"]
    # Shown as text after a placeholder, the payload is no sequence at all.
    assert oscs_with_payload_text("\ufffd]52;c;UFdORUQ=\ufffd".encode()) == []
