"""Pilot tests of `ArticleView`: rendering, highlight, search, links, resize, big documents."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.pilot import Pilot

from briefing_tui.ui.widgets.article_view import ArticleView

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_2bdf84615b68684f.txt"

SAMPLE = """# Main title

## Second level

### Third level

A paragraph with **bold**, *em*, `code` and ~~struck~~ text and a [link here](https://example.com/x).

- first item
- second item
  1. nested one
  2. nested two

> Quoted words that matter.

| Name | Value |
|:-----|------:|
| alpha | 1 |
| beta | 22 |

```
def f():
    return 1
```

---

The end.
"""


def seed_document(repeat: int) -> str:
    paragraphs = [p.strip() for p in SEED.read_text(encoding="utf-8").splitlines() if p.strip()]
    parts: list[str] = []
    for i in range(repeat):
        parts.append(f"## Part {i + 1}")
        parts.extend(paragraphs)
    return "\n\n".join(parts)


class ViewApp(App[None]):
    """A bare app around one ArticleView, recording the messages it posts."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[ArticleView.LinkClicked] = []
        self.loaded_messages: list[ArticleView.Loaded] = []

    def compose(self) -> ComposeResult:
        yield ArticleView(id="article")

    def on_article_view_link_clicked(self, message: ArticleView.LinkClicked) -> None:
        self.links.append(message)

    def on_article_view_loaded(self, message: ArticleView.Loaded) -> None:
        self.loaded_messages.append(message)


async def load(pilot: Pilot[None], markdown: str) -> ArticleView:
    view = pilot.app.query_one(ArticleView)
    view.load(markdown)
    for _ in range(3000):
        if view.loaded:
            break
        await pilot.pause(0.01)
    assert view.loaded
    await pilot.pause()
    return view


def screen_text(view: ArticleView) -> str:
    return "\n".join(view.rendered_lines())


def style_of(view: ArticleView, y: int, text: str) -> object:
    """The Rich style of the segment on screen line `y` that contains `text`."""
    for segment in view.render_line(y):
        if text in segment.text:
            return segment.style
    raise AssertionError(f"{text!r} not on line {y}")


def line_with(view: ArticleView, text: str) -> int:
    for y, line in enumerate(view.rendered_lines()):
        if text in line:
            return y
    raise AssertionError(f"{text!r} not on screen")


async def test_renders_blocks() -> None:
    async with ViewApp().run_test(size=(100, 40)) as pilot:
        view = await load(pilot, SAMPLE)
        text = screen_text(view)
        for expected in (
            "Main title",
            "Second level",
            "A paragraph with bold, em, code and struck text and a link here.",
            "• first item",
            "  1. nested one",
            "▌ Quoted words that matter.",
            "┌───────┬───────┐",
            "│ alpha │     1 │",
            " def f():",
            "     return 1",
            "────────",
            "The end.",
        ):
            assert expected in text, expected
        assert "**" not in text and "```" not in text
        h1 = style_of(view, line_with(view, "Main title"), "Main title")
        h2 = style_of(view, line_with(view, "Second level"), "Second level")
        h3 = style_of(view, line_with(view, "Third level"), "Third level")
        assert len({h1, h2, h3}) == 3
        para = line_with(view, "A paragraph")
        assert style_of(view, para, "bold").bold
        assert style_of(view, para, "em").italic
        assert style_of(view, para, "struck").strike
        assert style_of(view, para, "link here").underline
        assert pilot.app.loaded_messages[-1].block_count == view.block_count


async def test_markup_and_control_characters_are_inert() -> None:
    async with ViewApp().run_test(size=(100, 20)) as pilot:
        view = await load(
            pilot, "Press [@click=app.quit]here[/] or [bold]this[/bold] \x1b[31m\x1b]52;c;x\x07 ok"
        )
        line = view.rendered_lines()[0]
        assert "[@click=app.quit]here[/]" in line
        assert "[bold]this[/bold]" in line
        assert "\x1b" not in line and "\x07" not in line
        assert "\ufffd[31m" in line
        for segment in view.render_line(0):
            assert not (segment.style and segment.style.meta)
        x = line.index("here") + 1  # +1 for the left padding
        await pilot.click(ArticleView, offset=(x, 0))
        await pilot.pause()
        assert pilot.app.is_running
        assert pilot.app.links == []


async def test_link_click_posts_message() -> None:
    async with ViewApp().run_test(size=(100, 20)) as pilot:
        view = await load(pilot, "See [the report](https://example.com/r) and [bad](ftp://x/y).")
        line = view.rendered_lines()[0]
        await pilot.click(ArticleView, offset=(line.index("report") + 1, 0))
        await pilot.pause()
        assert [m.url for m in pilot.app.links] == ["https://example.com/r"]
        assert pilot.app.links[0].safe
        await pilot.click(ArticleView, offset=(line.index("bad") + 1, 0))
        await pilot.pause()
        assert pilot.app.links[-1].url == "ftp://x/y"
        assert not pilot.app.links[-1].safe
        await pilot.click(ArticleView, offset=(line.index("See") + 1, 0))
        await pilot.pause()
        assert len(pilot.app.links) == 2


async def test_highlight_quote_scrolls_into_view() -> None:
    async with ViewApp().run_test(size=(100, 30)) as pilot:
        needle = "\n\nThe needle sentence sits in the middle.\n\n"
        view = await load(pilot, seed_document(10) + needle + seed_document(2))
        assert view.scroll_y == 0
        assert view.highlight_quote("The needle sentence sits")
        await pilot.pause()
        line = view.highlight_line
        assert line is not None and line > 30
        top = round(view.scroll_y)
        assert top <= line < top + view.scrollable_content_region.height
        assert line - top <= view.scrollable_content_region.height // 2
        y = line - top
        assert "The needle sentence sits" in view.rendered_lines()[y]
        highlight = view.get_component_rich_style("article-view--highlight", partial=True)
        style = style_of(view, y, "needle")
        assert style.bgcolor == highlight.bgcolor
        view.clear_highlight()
        assert view.highlight_line is None
        assert not view.highlight_quote("words that appear nowhere at all")


async def test_quote_across_soft_break_and_emphasis() -> None:
    async with ViewApp().run_test(size=(100, 20)) as pilot:
        view = await load(pilot, "First line of text\ncontinues *here* with   spaces.\n")
        assert view.highlight_quote("of text continues here with spaces", scroll=False)
        assert view.highlight_text == "of text\ncontinues here with   spaces".replace("\n", " ")
        assert view.highlight_quote("text **continues** here")
        assert view.highlight_line == 0


async def test_search_counts_and_wraps() -> None:
    async with ViewApp().run_test(size=(100, 30)) as pilot:
        view = await load(pilot, seed_document(6))
        hits = view.search("CHINA")
        assert hits == view.match_count
        assert hits >= 12
        assert view.match_index == 0
        matched, prefix, suffix = view.current_match() or ("", "", "")
        assert matched.lower() == "china"
        assert 0 < len(prefix) <= 32 and 0 < len(suffix) <= 32
        view.previous_match()
        assert view.match_index == hits - 1
        view.next_match()
        assert view.match_index == 0
        for _ in range(hits - 1):
            view.next_match()
        assert view.match_index == hits - 1
        await pilot.pause()
        top = round(view.scroll_y)
        assert top > 0
        current = view.get_component_rich_style("article-view--match-current", partial=True)
        lines = [view.render_line(y) for y in range(view.scrollable_content_region.height)]
        assert any(seg.style.reverse == current.reverse and "China" in seg.text
                   for strip in lines for seg in strip if seg.style)
        view.next_match()
        assert view.match_index == 0
        view.clear_search()
        assert view.match_count == 0 and view.current_match() is None
        assert view.search("   ") == 0


async def test_resize_rewraps() -> None:
    async with ViewApp().run_test(size=(100, 30)) as pilot:
        view = await load(pilot, seed_document(3))
        wide = view.virtual_size.height
        assert all(len(line) <= view.scrollable_content_region.width for line in view.rendered_lines())
        await pilot.resize_terminal(50, 30)
        await pilot.pause()
        narrow = view.virtual_size.height
        assert narrow > wide
        width = view.scrollable_content_region.width
        lines = view.rendered_lines()
        assert all(len(line.rstrip()) <= width for line in lines)
        assert lines[0].startswith("Part 1")
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert view.virtual_size.height == wide


async def test_keys_scroll() -> None:
    async with ViewApp().run_test(size=(100, 20)) as pilot:
        view = await load(pilot, seed_document(3))
        view.focus()
        await pilot.press("down", "j")
        await pilot.pause()
        assert round(view.scroll_y) == 2
        await pilot.press("k")
        await pilot.pause()
        assert round(view.scroll_y) == 1
        await pilot.press("end")
        await pilot.pause()
        assert round(view.scroll_y) == view.max_scroll_y
        assert "The end." not in screen_text(view)
        await pilot.press("home")
        await pilot.pause()
        assert round(view.scroll_y) == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert round(view.scroll_y) > 10


async def test_one_megabyte_document_loads() -> None:
    document = seed_document(1)
    big = "\n\n".join([document] * (1_000_000 // len(document) + 1)) + "\n\nLast words here."
    async with ViewApp().run_test(size=(100, 30)) as pilot:
        view = await load(pilot, big)
        assert pilot.app.loaded_messages[-1].block_count == view.block_count > 1000
        assert "Part 1" in screen_text(view)
        assert view.highlight_quote("Last words here.")
        await pilot.pause()
        assert "Last words here." in screen_text(view)
        assert view.search("helberg") > 100
        # A resize of a big document keeps the top block in place.
        view.scroll_to(y=view.virtual_size.height // 2, animate=False, immediate=True)
        await pilot.pause()
        first = view.rendered_lines()[0].strip()
        await pilot.resize_terminal(80, 30)
        for _ in range(200):
            await pilot.pause(0.01)
            if not view._inexact:
                break
        assert not view._inexact
        # The words that were at the top are still on the top line.
        assert all(word in view.rendered_lines()[0] for word in first.split()[:1])


async def test_load_replaces_document() -> None:
    async with ViewApp().run_test(size=(100, 20)) as pilot:
        view = await load(pilot, "# Old\n\nold text")
        view.search("old")
        view.highlight_quote("old text")
        view = await load(pilot, "# New\n\nnew text")
        text = screen_text(view)
        assert "New" in text and "Old" not in text
        assert view.match_count == 0 and view.highlight_line is None
        assert len(pilot.app.loaded_messages) == 2


async def test_initial_markdown_argument() -> None:
    class InitialApp(App[None]):
        def compose(self) -> ComposeResult:
            yield ArticleView("# Given at construction")

    async with InitialApp().run_test(size=(60, 10)) as pilot:
        view = pilot.app.query_one(ArticleView)
        for _ in range(500):
            if view.loaded:
                break
            await pilot.pause(0.01)
        await pilot.pause()
        assert "Given at construction" in screen_text(view)
