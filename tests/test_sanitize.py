"""Untrusted text stays inert: `sanitize`, and every path from a bundle to the screen or a file.

The hostile bundle (tests/data/hostile, made by its make_bundle.py) carries OSC 52,
CSI, OSC 8, C1, bidi and Textual-markup payloads in every field the app shows.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hostile_data import HOSTILE
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual.content import Content

from briefing_tui import sanitize
from briefing_tui.article.blocks import parse_blocks
from briefing_tui.bundle.reader import read_bundle
from briefing_tui.export import export_json, export_markdown
from briefing_tui.model import Anchor, Annotation, Target
from briefing_tui.serialize import briefing_dict

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")
PAYLOADS = ("\x1b]52;c;", "\x1b[2J", "\x1b]8;;", "\u009b", "\u202e", "[@click=app.quit]", "\x07", "\x7f")


def unsafe_in(text: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in UNSAFE.findall(text)})


# --- sanitize itself ---------------------------------------------------------------


@pytest.mark.parametrize(
    "char",
    [chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)]]
    + [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]],
)
def test_every_unsafe_character_becomes_a_visible_placeholder(char: str) -> None:
    assert sanitize.clean(f"a{char}b") == f"a{sanitize.PLACEHOLDER}b"
    assert sanitize.strip(f"a{char}b") == "ab"
    assert sanitize.has_unsafe(char)


def test_newline_and_tab_stay_and_crlf_becomes_lf() -> None:
    assert sanitize.clean("a\tb\nc\r\nd") == "a\tb\nc\nd"
    assert sanitize.strip("a\tb\r\nc") == "a\tb\nc"
    assert sanitize.clean("") == "" and sanitize.strip("") == ""


def test_osc52_and_csi_lose_their_escape() -> None:
    cleaned = sanitize.clean("x\x1b]52;c;SGk=\x07y\x1b[2Jz\u009b2J")
    assert "\x1b" not in cleaned and "\x07" not in cleaned and "\u009b" not in cleaned
    assert cleaned == "x\ufffd]52;c;SGk=\ufffdy\ufffd[2Jz\ufffd2J"


def test_ordinary_unicode_is_untouched() -> None:
    text = "Zürich — 日本 · 🇺🇸 · ¥200 · “quotes” · \u200d · Ελλάδα · مرحبا"
    assert sanitize.clean(text) == text
    assert not sanitize.has_unsafe(text)


@pytest.mark.parametrize(
    "url",
    ["http://example.org", "https://example.org/a?b=c#d", "HTTPS://EXAMPLE.ORG", " https://x.example "],
)
def test_http_links_are_safe(url: str) -> None:
    assert sanitize.is_safe_link(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "file:///etc/passwd",
        "ftp://files.example/x",
        "data:text/html,<script>",
        "vbscript:msgbox",
        "mailto:a@example.org",
        "//example.org/no-scheme",
        "example.org",
        "",
        "https://example.org/\x1b]52;c;SGk=\x07",
        "https://example.org/\u202egnp",
        "http\x00s://example.org",
    ],
)
def test_other_links_are_refused(url: str) -> None:
    assert not sanitize.is_safe_link(url)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_clean_and_strip_leave_nothing_unsafe(text: str) -> None:
    cleaned = sanitize.clean(text)
    assert not sanitize.has_unsafe(cleaned)
    assert not unsafe_in(cleaned)
    assert not sanitize.has_unsafe(sanitize.strip(text))
    assert sanitize.clean(cleaned) == cleaned  # idempotent
    # Nothing is lost but the unsafe characters themselves.
    assert sanitize.strip(text) == UNSAFE.sub("", text.replace("\r\n", "\n"))


# --- the hostile bundle ----------------------------------------------------------------


def test_hostile_bundle_files_still_carry_every_payload() -> None:
    """Guards the test data: an editor 'fixing' the files would make the other tests vacuous."""
    body = (HOSTILE / "briefing.md").read_text("utf-8")
    for payload in PAYLOADS:
        assert payload in body, repr(payload)
    facts = (HOSTILE / "facts.md").read_text("utf-8")
    countries = (HOSTILE / "countries.md").read_text("utf-8")
    for text in (facts, countries):
        assert "\x1b]52;c;" in text and "[@click=app.quit]" in text and "\u202e" in text
    assert "javascript:alert(1)" in body and "file:///etc/passwd" in body
    assert max(len(line.split("|")) for line in body.splitlines()) > 400


def test_hostile_bundle_loads_and_keeps_payloads_in_the_model() -> None:
    """The model keeps the author's text verbatim; cleaning happens on the way out."""
    b = read_bundle(HOSTILE)
    assert "\x1b]52;c;" in b.title and "\u202e" in b.title
    assert any("\x1b" in f.statement for f in b.facts)
    assert any("[@click=app.quit]" in c.name for c in b.countries)


def test_article_layout_of_the_hostile_bundle_has_no_unsafe_text() -> None:
    blocks = parse_blocks(read_bundle(HOSTILE).body)
    assert blocks
    for block in blocks:
        assert not unsafe_in(block.text), block.text[:80]
        for span in block.spans:
            if span.url is not None:
                assert not unsafe_in(span.url)
    text = "\n".join(b.text for b in blocks)
    assert "[@click=app.quit]" in text  # shown as text
    assert "\ufffd]52;c;" in text
    urls = {s.url for b in blocks for s in b.spans if s.url}
    assert "https://example.org/safe" in urls
    # markdown-it refuses javascript: and file: targets outright: they stay text, not links.
    assert not any(u.startswith(("javascript:", "file:")) for u in urls)
    assert all(sanitize.is_safe_link(u) for u in urls if u.startswith("https://example.org"))
    assert not any(sanitize.is_safe_link(u) for u in urls if u.startswith("ftp:"))


def test_wide_table_is_cut_with_a_notice() -> None:
    from briefing_tui.article.wrap import layout_block

    blocks = parse_blocks(read_bundle(HOSTILE).body)
    table = next(b for b in blocks if b.kind == "table")
    lines = layout_block(table, 80)
    notice = "".join(p.text for p in lines[-1].pieces if hasattr(p, "style") and hasattr(p, "text"))
    assert "table clipped" in notice and "columns not shown" in notice


def _notes(briefing_id: str, fact_id: str) -> list[Annotation]:
    hostile = "note \x1b]52;c;SGk=\x07 \x1b[2J \u009b \u202e [@click=app.quit]"
    return [
        Annotation(
            id=f"{briefing_id}:000000000001",
            bundle_id=briefing_id,
            target=Target("fact", fact_id=fact_id),
            text=hostile,
            tags=("tag\x1b[31m",),
            created="2026-01-01T00:00:00Z",
            updated="2026-01-01T00:00:00Z",
        ),
        Annotation(
            id=f"{briefing_id}:000000000002",
            bundle_id=briefing_id,
            target=Target("passage", anchor=Anchor("Hostile opening \x1b]52;c;", "\x1b[2J", "\u202e", 3)),
            text=hostile,
            created="2026-01-01T00:00:00Z",
            updated="2026-01-01T00:00:00Z",
        ),
    ]


def test_exports_hold_no_control_bytes() -> None:
    b = read_bundle(HOSTILE)
    notes = _notes(b.id, b.facts[0].id)
    md = export_markdown(b, notes, "2026-01-01T00:00:00Z")
    assert not unsafe_in(md)
    raw = export_json(b, notes, "2026-01-01T00:00:00Z")
    assert not unsafe_in(raw)
    # json.dumps would write \u001b escapes: decode and look at the strings themselves.
    assert not unsafe_in(json.dumps(json.loads(raw), ensure_ascii=False))


def test_serialized_bundle_holds_no_control_characters() -> None:
    data = json.dumps(briefing_dict(read_bundle(HOSTILE)), ensure_ascii=False)
    assert not unsafe_in(data)


@pytest.mark.parametrize(
    "args",
    [
        ["show", str(HOSTILE)],
        ["show", str(HOSTILE), "--format", "json"],
        ["check", str(HOSTILE)],
        ["list", "--format", "json"],
        ["list"],
    ],
)
def test_cli_output_on_the_hostile_bundle_holds_no_control_bytes(args: list[str], data_dir) -> None:
    import os

    env = dict(os.environ, BRIEFING_CONTENT_PATH=str(HOSTILE.parent))
    run = subprocess.run(
        [sys.executable, "-m", "briefing_tui", *args], capture_output=True, env=env, timeout=60
    )
    assert run.returncode == 0, run.stderr
    out = run.stdout.decode("utf-8")
    err = run.stderr.decode("utf-8")
    assert not unsafe_in(out) and not unsafe_in(err)
    decoded = out
    if "--format" in args and "json" in args:
        decoded = json.dumps(json.loads(out), ensure_ascii=False)
        assert not unsafe_in(decoded)
    if args[0] != "check":
        assert "hostile" in out


def test_cli_errors_quoting_bundle_text_are_clean(tmp_path) -> None:
    """A broken bundle's problem message quotes its text: the one error line stays clean."""
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "briefing.md").write_text("---\nid: bad\ntitle: t\n---\nbody\n", "utf-8")
    (bad / "countries.md").write_text("", "utf-8")
    (bad / "facts.md").write_text("## x\x1b]52;c;SGk=\x07\n- kind: claim\n\n> nope\n\nS\n", "utf-8")
    run = subprocess.run([sys.executable, "-m", "briefing_tui", "show", str(bad)], capture_output=True)
    assert run.returncode != 0
    err = run.stderr.decode()
    assert err.startswith("briefing: error:") and len(err.strip().splitlines()) == 1
    assert not unsafe_in(err)


# --- content is never markup ----------------------------------------------------------


def test_list_prompts_are_plain_text_with_no_actions() -> None:
    from briefing_tui.ui.widgets.country_list import country_prompt
    from briefing_tui.ui.widgets.fact_list import fact_prompt

    b = read_bundle(HOSTILE)
    prompts: list[Text | Content] = [fact_prompt(f, annotated=False, search_hit=False) for f in b.facts]
    prompts += [country_prompt(c, 1, with_flag=False, active=False) for c in b.countries]
    for text in prompts:
        assert isinstance(text, Text | Content)
        assert not unsafe_in(text.plain)
        for span in text.spans:
            style = span.style
            if not isinstance(style, str):
                assert not style.meta and not getattr(style, "link", None)
    assert any("[@click=app.quit]" in t.plain for t in prompts)


async def test_reader_on_the_hostile_bundle_shows_payloads_as_text(data_dir) -> None:
    from textual.widgets import OptionList

    from briefing_tui.ui.app import BriefingApp
    from briefing_tui.ui.widgets.article_view import ArticleView

    app = BriefingApp(open_bundle=read_bundle(HOSTILE))
    async with app.run_test(size=(120, 36)) as pilot:
        article = app.screen.query_one(ArticleView)
        for _ in range(200):
            if article.loaded:
                break
            await pilot.pause(0.02)
        assert article.loaded
        assert not unsafe_in(article.plain_text)
        assert "[@click=app.quit]" in article.plain_text
        # No line drawn carries an action or a link in its style meta.
        for y in range(article.size.height):
            for seg in article.render_line(y):
                if seg.style is not None:
                    assert not seg.style.meta.get("@click"), seg
                    assert not seg.style.link
        header_title = app.screen.title or ""
        assert not unsafe_in(header_title) and "[@click=app.quit]" in header_title
        for option_list in app.screen.query(OptionList):
            for i in range(option_list.option_count):
                prompt = option_list.get_option_at_index(i).prompt
                assert not unsafe_in(str(getattr(prompt, "plain", prompt)))
        # Click the markup text in the article, the facts and the countries: nothing happens.
        await pilot.click(ArticleView, offset=(3, 1))
        await pilot.click("#facts", offset=(20, 9))
        await pilot.click("#countries", offset=(3, 2))
        await pilot.pause()
        assert app.is_running
        assert app.return_code is None
        # The screen as drawn holds no unsafe character anywhere.
        assert not unsafe_in(app.export_screenshot())
