"""The facts pane: every fact of the briefing (or those of one country), kind at a glance.

`OptionList` measures every option it holds (wrapping its text) whenever its prompts change or
the pane is resized, at about 50 us an option. A briefing with tens of thousands of facts would
freeze the app for seconds each time, so a list of more than `WHOLE_LIST` facts holds a window of
`WINDOW` facts around the highlighted one, and moves the window as the highlight nears its edge
(`MARGIN`); the title above the list still counts every fact. A shorter list holds them all, as
any OptionList does. Marks (note, search hit) are redrawn only for the facts in the list whose
marks changed.
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...model import Fact
from .. import screen_text
from ..messages import FactSelected

# Colours are the theme's variables, resolved when drawn: every theme recolours the pane.
KIND_STYLE: dict[str, tuple[str, str]] = {
    "figure": ("■", "bold $accent"),
    "date": ("◷", "bold $secondary"),
    "quote": ("❝", "bold $success"),
    "claim": ("◆", "bold $warning"),
    "event": ("●", "bold $text-primary"),
}
NOTE_MARK = "✎"
NOTE_STYLE = "bold $error"
# Lists of up to this many facts hold every fact; a longer one holds a window of them.
WHOLE_LIST = 1_000
WINDOW = 200
# The window moves, to centre the highlight, when the highlight comes this close to its edge.
MARGIN = 40


def fact_prompt(fact: Fact, *, annotated: bool, search_hit: bool) -> Content:
    """Icon in the kind's colour, the value in bold, then the statement (all plain text)."""
    icon, style = KIND_STYLE.get(fact.kind, ("?", "bold"))
    value = fact.value.display() if fact.value else fact.kind
    # The value is bold in the text colour, so it stays readable on the cursor's background
    # whatever the theme; the icon carries the kind's colour.
    parts: list[screen_text.Part] = [(f"{icon} ", style), (value, "bold")]
    if annotated:
        parts += [" ", (NOTE_MARK, NOTE_STYLE)]
    if search_hit:
        parts += [" ", ("⌕", "bold reverse")]
    parts += ["\n", fact.statement]
    # Content, not Rich Text: OptionList measures a Text prompt at the width without the
    # scrollbar and then cuts its last line when the scrollbar shows.
    return screen_text.content(*parts)


class FactList(OptionList):
    """An OptionList whose option ids are fact ids; the screen listens for highlights.

    `facts` is every fact of the list, `window_start` the index in it of the first option.
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="facts.down"),
        Binding("k", "cursor_up", "Up", show=False, id="facts.up"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.facts: list[Fact] = []
        self.window_start = 0
        self._index: dict[str, int] = {}
        self._annotated: set[str] = set()
        self._hits: set[str] = set()

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Tell the screen which fact is under the cursor, as a `FactSelected`.

        Keys a few ms apart leave stale highlight messages in the queue: acting on one would
        move the selection back and start a tug of war, so those are dropped here."""
        event.stop()
        if event.option_index != self.highlighted or not event.option_id:
            return
        self.post_message(FactSelected(event.option_id))

    # --- what the list shows -------------------------------------------------------

    def show_facts(self, facts: list[Fact], annotated: set[str], search_hits: set[str]) -> None:
        """Replace the options, keeping the highlighted fact when it is still listed."""
        current = self.highlighted_fact_id
        self.facts = list(facts)
        self._index = {f.id: i for i, f in enumerate(self.facts)}
        self._annotated, self._hits = annotated, search_hits
        at = self._index.get(current) if current is not None else None
        self._fill(at or 0)
        if at is not None:
            self.highlighted = at - self.window_start

    def refresh_marks(self, annotated: set[str], search_hits: set[str]) -> None:
        """Redraw note and search marks without moving the cursor: only the facts in the list
        whose marks changed (the others are drawn with their marks when the window moves).
        The sets are kept, not copied: the screen gives new sets rather than changing these."""
        old_annotated, old_hits = self._annotated, self._hits
        self._annotated, self._hits = annotated, search_hits
        changed: list[tuple[int, Content]] = []
        for i, fact in enumerate(self.facts[self.window_start : self.window_start + self.option_count]):
            fid = fact.id
            if (fid in old_annotated) != (fid in annotated) or (fid in old_hits) != (fid in search_hits):
                changed.append((i, self._prompt(fact)))
        if not changed:
            return
        for i, prompt in changed:
            # OptionList.replace_option_prompt_at_index, without a full redraw per option.
            self.get_option_at_index(i)._set_prompt(prompt)
        self._clear_caches()

    def _prompt(self, fact: Fact) -> Content:
        return fact_prompt(fact, annotated=fact.id in self._annotated, search_hit=fact.id in self._hits)

    def _fill(self, around: int) -> None:
        """Hold the window of facts centred on index `around` (all facts when they are few)."""
        n = len(self.facts)
        size = n if n <= WHOLE_LIST else WINDOW
        start = max(0, min(n - size, around - size // 2))
        self.window_start = start
        self.clear_options()
        self.add_options(Option(self._prompt(f), id=f.id) for f in self.facts[start : start + size])

    def _move_window(self, index: int) -> None:
        """Make sure fact `index` is in the window, away from its edges unless the list ends there."""
        start, end, n = self.window_start, self.window_start + self.option_count, len(self.facts)
        near_start = index < start + MARGIN and start > 0
        near_end = index >= end - MARGIN and end < n
        if n > WHOLE_LIST and (not start <= index < end or near_start or near_end):
            self._fill(index)

    # --- the highlight, over the whole list -----------------------------------------

    @property
    def highlighted_fact_id(self) -> str | None:
        i = self.highlighted
        if i is None:
            return None
        i += self.window_start
        return self.facts[i].id if 0 <= i < len(self.facts) else None

    def select_fact(self, fact_id: str) -> bool:
        index = self._index.get(fact_id)
        if index is None:
            return False
        self._move_window(index)
        self.highlighted = index - self.window_start
        return True

    def _select_index(self, index: int) -> None:
        """Highlight fact `index` of the whole list; past either end it wraps, as OptionList's."""
        if self.facts:
            self.select_fact(self.facts[index % len(self.facts)].id)

    def action_cursor_down(self) -> None:
        if self.highlighted is None:
            super().action_cursor_down()
        else:
            self._select_index(self.window_start + self.highlighted + 1)

    def action_cursor_up(self) -> None:
        if self.highlighted is None:
            super().action_cursor_up()
        else:
            self._select_index(self.window_start + self.highlighted - 1)

    def action_first(self) -> None:
        self._select_index(0)

    def action_last(self) -> None:
        self._select_index(len(self.facts) - 1)

    def action_page_down(self) -> None:
        super().action_page_down()
        self._keep_in_window()

    def action_page_up(self) -> None:
        super().action_page_up()
        self._keep_in_window()

    def _keep_in_window(self) -> None:
        fact_id = self.highlighted_fact_id
        if fact_id is not None and len(self.facts) > WHOLE_LIST:
            self.select_fact(fact_id)
