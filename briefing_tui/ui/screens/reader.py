"""The reader: article, facts, countries and notes of one briefing, side by side.

State lives in three reactives (the selected fact, the country filter, the search
query); the panes are redrawn from them, so keys, clicks and the command palette
all go through the same path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import on
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, OptionList

from ...anchoring import locate, make_anchor
from ...countries import display_name
from ...model import Anchor, Annotation, Briefing, Fact, Target
from ...notes import NotesService
from ...reading_state import Position, load_position, save_position
from ...storage import StoreError
from ...store import AnnotationStore
from .. import screen_text
from ..commands import ReaderCommands
from ..messages import CountryChosen, CountryHighlighted, FactSelected
from ..typed_app import briefing_app
from ..widgets.article_view import ArticleView
from ..widgets.country_list import CountryList, country_label
from ..widgets.fact_list import FactList
from ..widgets.notes_pane import NotesPane
from . import note_out
from .all_notes import AllNotesScreen
from .confirm import ConfirmScreen
from .info import InfoScreen
from .note_editor import NoteDraft, NoteEditor

if TYPE_CHECKING:
    from ..app import BriefingApp

# What can go wrong when notes are saved, edited, deleted or exported: the store, the disk,
# and validation. Anything else is a bug and must surface in the tests, not as a toast.
NOTE_ERRORS = (StoreError, OSError, ValueError)

# How much of a note the delete question quotes (cut at a word, with an ellipsis).
DELETE_PREVIEW_CHARS = 160
NARROW_WIDTH = 110
# The footer drops keys in this order (binding ids) until the rest fit, then any others from
# the end; the app's `q` and `?` always stay. The palette hint takes about this many cells.
FOOTER_PALETTE_CELLS = 14
FOOTER_DROP_ORDER = (
    "reader.previous-annotated", "reader.next-annotated", "reader.info", "reader.back",
    "reader.export", "reader.previous", "reader.previous-match", "reader.countries",
    "countries.note", "notes.delete",
)
TINY_WIDTH = 60
# In a briefing with more facts or more text than this, the search waits for a pause in typing.
SEARCH_PAUSE_FACTS = 1_000
SEARCH_PAUSE_CHARS = 2_000_000
SEARCH_PAUSE_S = 0.15
SHORT_HEIGHT = 20
COMPACT_HEIGHT = 30


class ReaderScreen(Screen[None]):
    COMMANDS = Screen.COMMANDS | {ReaderCommands}
    BINDINGS = [
        Binding("n", "next", "Next fact", id="reader.next"),
        Binding("p", "previous", "Prev fact", id="reader.previous"),
        # While searching, n and p step through the matches, and the footer says so.
        Binding("n", "next_match", "Next match", id="reader.next-match"),
        Binding("p", "previous_match", "Prev match", id="reader.previous-match"),
        Binding("g", "first", "First fact", show=False, id="reader.first"),
        Binding("G", "last", "Last fact", show=False, id="reader.last"),
        Binding("c", "focus_countries", "Countries", id="reader.countries"),
        Binding("slash", "search", "Search", key_display="/", id="reader.search"),
        Binding("a", "add_note", "Note", id="reader.add-note"),
        Binding("A", "add_country_note", "Note country", show=False, id="reader.add-country-note"),
        Binding("e", "edit_note", "Edit note", show=False, id="reader.edit-note"),
        Binding("d", "delete_note", "Delete note", show=False, id="reader.delete-note"),
        Binding(
            "right_square_bracket",
            "next_annotated",
            "Next noted",
            key_display="]",
            id="reader.next-annotated",
        ),
        Binding(
            "left_square_bracket",
            "previous_annotated",
            "Prev noted",
            key_display="[",
            id="reader.previous-annotated",
        ),
        Binding("N", "all_notes", "All notes", id="reader.all-notes"),
        Binding("x", "export", "Export", id="reader.export"),
        Binding("y", "copy_fact", "Copy fact", show=False, id="reader.copy-fact"),
        Binding("Y", "copy_note", "Copy note", show=False, id="reader.copy-note"),
        Binding("o", "open_source", "Open source", show=False, id="reader.open-source"),
        Binding("E", "edit_in_editor", "Edit in $EDITOR", show=False, id="reader.edit-in-editor"),
        Binding("i", "info", "About", id="reader.info"),
        Binding("escape", "back", "Back", id="reader.back"),
        Binding("t", "timeline", "Timeline", show=False, id="reader.timeline"),
        Binding("D", "dossier", "Dossier", show=False, id="reader.dossier"),
    ]

    fact_id: reactive[str] = reactive("", init=False)
    country: reactive[str] = reactive("", init=False)
    search_query: reactive[str] = reactive("", init=False)

    def __init__(self, briefing: Briefing) -> None:
        super().__init__()
        self.briefing = briefing
        self.facts = briefing.facts_in_article_order()
        self.notes: list[Annotation] = []
        self._restore = load_position(briefing.id)
        self._search_hits: set[str] = set()
        # Each fact's text casefolded (made at the first search), and the last fact search.
        self._folded: list[tuple[str, str]] | None = None
        self._last_fact_search: tuple[str, list[tuple[str, str]]] = ("", [])
        self._search_timer: Timer | None = None
        self._scroll_y = 0

    @property
    def briefing_app(self) -> BriefingApp:
        return briefing_app(self)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The footer shows what fits, dropping the least used keys first and never cutting a
        word in half; `q` and `?` always stay. Help (?) lists every key whatever the width."""
        bindings = super().active_bindings
        shown = [a for a in bindings.values() if a.binding.show]
        budget = self.size.width - FOOTER_PALETTE_CELLS
        cost = {a.binding.id: self._footer_cells(a.binding) for a in shown}
        total = sum(cost.values())
        hidden: set[str | None] = set()
        droppable = [a.binding.id for a in shown if not isinstance(a.node, App)]
        order: list[str | None] = [i for i in FOOTER_DROP_ORDER if i in droppable]
        order += [i for i in reversed(droppable) if i not in order]
        for binding_id in order:
            if total <= budget:
                break
            hidden.add(binding_id)
            total -= cost[binding_id]
        return {
            key: active._replace(binding=replace(active.binding, show=False))
            if active.binding.id in hidden else active
            for key, active in bindings.items()
        }

    def _footer_cells(self, binding: Binding) -> int:
        """Cells a binding takes in the compact footer: key, space, description, space."""
        key = binding.key_display or self.app.get_key_display(binding)
        return cell_len(key) + cell_len(binding.description) + 2

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """n/p mean "next fact" normally and "next match" while searching (one shows at a time)."""
        if action in ("next", "previous"):
            return not self.search_query
        if action in ("next_match", "previous_match"):
            return bool(self.search_query)
        return True

    # --- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield FactList(id="facts")
            with Vertical(id="middle"):
                yield ArticleView(id="article")
                yield Input(placeholder="Search the article and facts", id="search")
                yield NotesPane(id="notes")
            yield CountryList(id="countries")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = screen_text.plain(self.briefing.title)
        where = (x for x in (self.briefing.source, self.briefing.published) if x)
        self.sub_title = screen_text.joined(where, " · ")
        self.query_one("#search", Input).display = False
        self.query_one("#countries", CountryList).border_title = "Countries"
        self.query_one("#article", ArticleView).border_title = "Article"
        self._reload_notes()
        # Reading the notes may have moved a broken file aside: say so now, not at the next save.
        self.briefing_app.report_store_events()
        article = self.query_one("#article", ArticleView)
        self.watch(article, "scroll_y", self._article_scrolled, init=False)
        article.load(self.briefing.body)
        # The lists lay out every fact's wrapped text: fill them once the article's first
        # screen is up, so a briefing with hundreds of facts opens as fast as a short one.
        self.call_after_refresh(self._fill_lists)

    def _fill_lists(self) -> None:
        self._show_facts()
        self._show_countries()
        start = self._restore.fact_id if self.briefing.fact(self._restore.fact_id) else ""
        if not start and self.facts:
            start = self.facts[0].id
        self.query_one(FactList).focus()
        if start:
            self.query_one(FactList).select_fact(start)
            self.fact_id = start

    def on_resize(self, event: Resize) -> None:
        self.refresh_bindings()
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        self.set_class(event.size.width < TINY_WIDTH, "-tiny")
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")
        self.set_class(event.size.height < COMPACT_HEIGHT, "-compact")

    # --- derived views ----------------------------------------------------------

    @property
    def visible_facts(self) -> list[Fact]:
        if not self.country:
            return self.facts
        return [f for f in self.facts if self.country in f.countries]

    @property
    def annotated_ids(self) -> set[str]:
        return {n.target.fact_id for n in self.notes if n.target.kind == "fact"}

    def _show_facts(self) -> None:
        facts = self.query_one(FactList)
        facts.show_facts(self.visible_facts, self.annotated_ids, self._search_hits)
        self._update_facts_title()

    def _show_countries(self) -> None:
        counts = {c.code: sum(c.code in f.countries for f in self.facts) for c in self.briefing.countries}
        self.query_one(CountryList).show_countries(list(self.briefing.countries), counts, self.country)

    def _update_facts_title(self) -> None:
        visible = [f.id for f in self.visible_facts]
        i = visible.index(self.fact_id) + 1 if self.fact_id in visible else 0
        where = ""
        if self.country:
            where = f" · {self._name_of(self.country)}"
        hits = ""
        if self.search_query:
            hits = f" · {len(self._search_hits)} match" + ("" if len(self._search_hits) == 1 else "es")
        # Content, not str: a str border title is parsed as markup, and the name is bundle text.
        self.query_one(FactList).border_title = screen_text.content(f"Facts{where} {i}/{len(visible)}{hits}")

    def _reload_notes(self) -> None:
        try:
            self.notes = self.notes_service.list(self.briefing.id)
        except NOTE_ERRORS as exc:  # the reader still opens, and says why notes are missing
            self.notes = []
            self.notify(str(exc), title="Notes not loaded", severity="error", timeout=10)

    def _show_notes(self) -> None:
        """The pane shows the notes of the highlighted country while the sidebar has focus,
        else those of the selected fact."""
        pane = self.query_one(NotesPane)
        code = self._highlighted_country() if isinstance(self.focused, CountryList) else ""
        if code:
            mine = [n for n in self.notes if n.target.kind == "country" and n.target.country == code]
            pane.border_title = screen_text.content(f"Notes · {self._name_of(code)}")
            pane.show_notes(mine, "No notes on this country: press A to add one.")
            return
        mine = [n for n in self.notes if n.target.kind == "fact" and n.target.fact_id == self.fact_id]
        pane.border_title = screen_text.content(
            f"Notes · {self.fact_id}" if self.briefing.fact(self.fact_id) else "Notes"
        )
        pane.show_notes(mine, "No notes on this fact: press a to add one.")

    def _name_of(self, code: str) -> str:
        """One name per country on every label: the bundle's, else ISO 3166's, else the code."""
        country = self.briefing.country(code)
        return country_label(country) if country else screen_text.plain(display_name(code))

    def _highlighted_country(self) -> str:
        countries = self.query_one(CountryList)
        i = countries.highlighted
        if i is not None and 0 <= i < len(countries.countries):
            return countries.countries[i].code
        return self.country

    # --- reactive watchers --------------------------------------------------------

    def watch_fact_id(self, fact_id: str) -> None:
        fact = self.briefing.fact(fact_id)
        if fact is not None:
            self.query_one(FactList).select_fact(fact_id)
            article = self.query_one(ArticleView)
            if not self.search_query:
                article.highlight_quote(fact.source)
        self._update_facts_title()
        self._show_notes()

    def watch_country(self, country: str) -> None:
        self._show_facts()
        self._show_countries()
        visible = self.visible_facts
        if visible and self.fact_id not in [f.id for f in visible]:
            self.fact_id = visible[0].id
        else:
            self._update_facts_title()
        if country and not visible:
            self._show_mentions(country)
        elif country:
            name = self._name_of(country)
            self.notify(f"{len(visible)} facts involve {name}. Escape clears the filter.", timeout=3)

    def _show_mentions(self, code: str) -> None:
        """A country no fact names: rather than an empty pane, light where the article names it
        (a search for its name: n/p step through the mentions, Escape ends it, then the filter)."""
        name = self._name_of(code)
        search = self.query_one("#search", Input)
        search.display = True
        search.value = name
        self.search_query = name
        count = self.query_one(ArticleView).match_count
        self.notify(
            f"No fact names {name}; the article names it {count} time{'' if count == 1 else 's'}, lit "
            "in the article (n / p step through them). Escape ends that, then the filter.",
            timeout=6,
        )

    def watch_search_query(self, query: str) -> None:
        article = self.query_one(ArticleView)
        if query:
            article.search(query)
            self._search_hits = self._matching_facts(query.casefold())
            self._show_match_count()
        else:
            article.clear_search()
            self._search_hits = set()
            fact = self.briefing.fact(self.fact_id)
            if fact is not None:
                article.highlight_quote(fact.source)
        self.query_one(FactList).refresh_marks(self.annotated_ids, self._search_hits)
        self._update_facts_title()
        self.refresh_bindings()

    def _matching_facts(self, needle: str) -> set[str]:
        """Ids of the facts whose statement or source holds `needle` (casefolded). Each fact's
        text is folded once; a query typed on from the last one narrows its hits."""
        if self._folded is None:
            self._folded = [(f.id, f"{f.statement.casefold()}\n{f.source.casefold()}") for f in self.facts]
        last, last_hits = self._last_fact_search
        pool = last_hits if last and last in needle else self._folded
        hits = [(fid, text) for fid, text in pool if needle in text]
        self._last_fact_search = (needle, hits)
        return {fid for fid, _ in hits}

    def _show_match_count(self) -> None:
        article = self.query_one(ArticleView)
        count = article.match_count
        if count:
            where = f"Match {(article.match_index or 0) + 1}/{count}"
        else:
            where = "No match"
        facts = len(self._search_hits)
        self.query_one("#search", Input).border_title = screen_text.content(
            f"{where} in the article · {facts} fact{'' if facts == 1 else 's'}"
        )

    # --- events from the panes ---------------------------------------------------

    @on(FactSelected)
    def _fact_selected(self, event: FactSelected) -> None:
        if event.fact_id != self.fact_id:
            self.fact_id = event.fact_id

    @on(CountryHighlighted)
    def _country_highlighted(self, event: CountryHighlighted) -> None:
        self._show_notes()

    def on_descendant_focus(self) -> None:
        self._show_notes()

    @on(CountryChosen)
    def _country_chosen(self, event: CountryChosen) -> None:
        code = event.code
        self.country = "" if code == self.country else code
        self.remove_class("-show-countries")
        self.query_one(FactList).focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        """Search as the query is typed; in a huge briefing, once typing pauses, so that each
        key shows at once rather than after a search of the whole text."""
        value = event.value.strip()
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        huge = len(self.facts) > SEARCH_PAUSE_FACTS or len(self.briefing.body) > SEARCH_PAUSE_CHARS
        if not value or not huge:
            self.search_query = value
            return

        def search() -> None:
            self._search_timer = None
            search_input = self.query_one("#search", Input)
            if search_input.display and search_input.value.strip() == value:
                self.search_query = value

        self._search_timer = self.set_timer(SEARCH_PAUSE_S, search)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.query_one(ArticleView).focus()
        if self.search_query:
            self.notify("n / p step through the matches; Escape ends the search.", timeout=3)

    @on(ArticleView.Loaded)
    def _article_loaded(self, event: ArticleView.Loaded) -> None:
        fact = self.briefing.fact(self.fact_id)
        if fact is not None and not self.search_query:
            self.query_one(ArticleView).highlight_quote(fact.source, scroll=not self._restore.scroll_y)
        if self._restore.scroll_y:
            self.query_one(ArticleView).scroll_to(y=self._restore.scroll_y, animate=False)
            self._restore = Position(self._restore.fact_id, 0)

    @on(ArticleView.LinkClicked)
    def _link_clicked(self, event: ArticleView.LinkClicked) -> None:
        self.briefing_app.ask_to_open_link(event.url)

    def _article_scrolled(self, y: float) -> None:
        # Kept here, because the article pane is gone by the time the screen unmounts.
        self._scroll_y = int(y)

    # --- actions ------------------------------------------------------------------

    def _step(self, delta: int) -> None:
        visible = [f.id for f in self.visible_facts]
        if not visible:
            return
        i = visible.index(self.fact_id) if self.fact_id in visible else -1
        self.fact_id = visible[max(0, min(len(visible) - 1, i + delta))]

    def action_next(self) -> None:
        self._step(+1)

    def action_previous(self) -> None:
        self._step(-1)

    def _step_match(self, delta: int) -> None:
        """The next (or previous) match in the article; the fact whose sentence holds it is
        selected in the facts pane, so matching facts are reached as the matches are."""
        article = self.query_one(ArticleView)
        if delta > 0:
            article.next_match()
        else:
            article.previous_match()
        self._show_match_count()
        offset = article.current_match_offset()
        if offset is None:
            return
        for fact in self.visible_facts:
            if fact.id not in self._search_hits:
                continue
            span = article.find_quote(fact.source)
            if span is not None and span[0] <= offset < span[1]:
                self.query_one(FactList).select_fact(fact.id)
                self.fact_id = fact.id
                break

    def action_next_match(self) -> None:
        self._step_match(+1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    def _focused_list(self) -> OptionList | None:
        focused = self.focused
        return focused if isinstance(focused, OptionList) and not isinstance(focused, FactList) else None

    def action_first(self) -> None:
        other = self._focused_list()
        if other is not None:
            other.action_first()
        elif self.visible_facts:
            self.fact_id = self.visible_facts[0].id

    def action_last(self) -> None:
        other = self._focused_list()
        if other is not None:
            other.action_last()
        elif self.visible_facts:
            self.fact_id = self.visible_facts[-1].id

    def action_focus_countries(self) -> None:
        self.add_class("-show-countries")
        self.query_one(CountryList).focus()

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    def action_info(self) -> None:
        self.app.push_screen(InfoScreen(self.briefing))

    def action_back(self) -> None:
        """Escape unwinds one thing at a time: the search, the countries shown on a narrow
        screen, focus in another pane (back to the facts), the filter, and only then the screen."""
        search = self.query_one("#search", Input)
        facts = self.query_one(FactList)
        if search.display:
            search.value = ""
            search.display = False
            self.search_query = ""
            facts.focus()
        elif self.has_class("-show-countries"):
            self.remove_class("-show-countries")
            facts.focus()
        elif self.focused is not facts:
            facts.focus()
        elif self.country:
            self.country = ""
        elif len(self.app.screen_stack) > 2:
            self.save_position()
            self.app.pop_screen()

    # --- notes ----------------------------------------------------------------------

    @property
    def store(self) -> AnnotationStore:
        return self.briefing_app.store

    @property
    def notes_service(self) -> NotesService:
        """Every change to notes goes through the service: the CLI's rules are the reader's."""
        return NotesService(self.briefing_app.store)

    def _after_change(self, message: str) -> None:
        self._reload_notes()
        self.query_one(FactList).refresh_marks(self.annotated_ids, self._search_hits)
        self._show_notes()
        self.briefing_app.report_store_events()
        self.notify(message, timeout=3)

    def _store_call(self, call: Callable[[], object], done: str) -> str | None:
        """Run one store change; None when it worked, else the reason (the editor stays open)."""
        try:
            call()
        except NOTE_ERRORS as exc:
            return str(exc) or type(exc).__name__
        self._after_change(done)
        return None

    def _save_new(self, target: Target, heading: str, context: str) -> None:
        def save(draft: NoteDraft) -> str | None:
            return self._store_call(
                lambda: self.notes_service.add(self.briefing, target, draft.text, draft.tags, draft.label),
                f"Note saved on {target.describe()}.",
            )

        self.app.push_screen(NoteEditor(heading, context, save))

    def action_add_note(self) -> None:
        """A note on the search hit while searching, else on the selected fact (if it is shown)."""
        article = self.query_one(ArticleView)
        match = article.current_match() if self.search_query else None
        if match is not None:
            anchor = self._anchor_for(*match)
            self._save_new(Target("passage", anchor=anchor), "Note on a passage", f"“{anchor.exact}”")
            return
        fact = self.briefing.fact(self.fact_id)
        if fact is None or fact not in self.visible_facts:
            self.notify("No fact selected: the facts pane is empty.", severity="warning")
            return
        self._save_new(Target("fact", fact_id=fact.id), f"Note on fact {fact.id}", fact.statement)

    def _anchor_for(self, exact: str, prefix: str, suffix: str) -> Anchor:
        """Place a hit of the rendered text in the article's source, so the note survives edits."""
        body = self.briefing.body
        found = locate(body, Anchor(exact, prefix, suffix, 0))
        if found is None:
            return Anchor(exact, prefix, suffix, max(body.find(exact), 0))
        return make_anchor(body, *found)

    def action_add_country_note(self) -> None:
        code = self._highlighted_country()
        if not code:
            self.notify("No country selected: press c to choose one.", severity="warning")
            return
        country = self.briefing.country(code)
        role = country.role if country else ""
        self._save_new(Target("country", country=code), f"Note on {self._name_of(code)}", role)

    def action_edit_note(self) -> None:
        note = self.query_one(NotesPane).highlighted_note
        if note is None:
            self.notify("No note here to edit.", severity="warning")
            return

        def save(draft: NoteDraft) -> str | None:
            return self._store_call(
                lambda: self.notes_service.edit(note.id, text=draft.text, tags=draft.tags, label=draft.label),
                "Note updated.",
            )

        draft = NoteDraft(note.text, note.tags, note.label)
        self.app.push_screen(NoteEditor(f"Edit note on {note.target.describe()}", "", save, draft))

    def action_delete_note(self) -> None:
        note = self.query_one(NotesPane).highlighted_note
        if note is None:
            self.notify("No note here to delete.", severity="warning")
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            problem = self._store_call(lambda: self.notes_service.delete(note.id), "Note deleted.")
            if problem is not None:
                self.notify(problem, title="Note not deleted", severity="error", timeout=10)

        preview = screen_text.shorten(note.text, DELETE_PREVIEW_CHARS)
        self.app.push_screen(ConfirmScreen(f"Delete this note?\n\n{preview}", yes="Delete"), answered)

    def _step_annotated(self, delta: int) -> None:
        noted = [f.id for f in self.visible_facts if f.id in self.annotated_ids]
        if not noted:
            self.notify("No fact here has a note yet.", timeout=3)
            return
        ids = [f.id for f in self.visible_facts]
        here = ids.index(self.fact_id) if self.fact_id in ids else -1
        after = [i for i in noted if (ids.index(i) - here) * delta > 0]
        if delta > 0:
            self.fact_id = after[0] if after else noted[0]
        else:
            self.fact_id = after[-1] if after else noted[-1]

    def action_next_annotated(self) -> None:
        self._step_annotated(+1)

    def action_previous_annotated(self) -> None:
        self._step_annotated(-1)

    def action_all_notes(self) -> None:
        def chosen(note: Annotation | None) -> None:
            if note is not None:
                self.go_to_target(note.target)

        self.app.push_screen(AllNotesScreen(self.briefing, list(self.notes)), chosen)

    def go_to_target(self, target: Target) -> None:
        if target.kind == "fact" and self.briefing.fact(target.fact_id):
            self.go_to_fact(target.fact_id)
        elif target.kind == "country":
            self.filter_by_country(target.country)
        elif target.kind == "passage" and target.anchor is not None:
            found = locate(self.briefing.body, target.anchor)
            if found is None:
                self.notify("That passage is no longer in the article (orphaned note).", severity="warning")
                return
            # The anchor as it stands in today's body (it may have moved), with its own
            # surroundings, so the view lights this occurrence and not the first one.
            here = make_anchor(self.briefing.body, *found)
            article = self.query_one(ArticleView)
            article.highlight_passage(here.exact, here.prefix, here.suffix)
            article.focus()

    def action_export(self) -> None:
        """Ask for format and filters (the last choice filled in: Enter exports with it)."""
        note_out.export_dialog(self)

    def action_copy_fact(self) -> None:
        note_out.copy_fact(self)

    def action_copy_note(self) -> None:
        note_out.copy_note(self, self.query_one(NotesPane).highlighted_note)

    def action_open_source(self) -> None:
        note_out.open_source(self)

    def action_edit_in_editor(self) -> None:
        note_out.edit_in_editor(self, self.query_one(NotesPane).highlighted_note)

    def notes_call(self, call: Callable[[], object], done: str) -> str | None:
        """One change to the notes from outside this screen (see note_out): None, or why not."""
        return self._store_call(call, done)

    def action_timeline(self) -> None:
        """This briefing's dated facts in time order; choosing one selects it here."""
        from .timeline import TimelineScreen

        self.app.push_screen(TimelineScreen(self.briefing), lambda f: self.go_to_fact(f) if f else None)

    def action_dossier(self) -> None:
        """The highlighted country's facts across every briefing."""
        from .dossier import DossierScreen

        if code := self._highlighted_country():
            self.app.push_screen(DossierScreen(code))

    # --- used by the command palette and the app ------------------------------------

    def go_to_fact(self, fact_id: str) -> None:
        if self.country and fact_id not in [f.id for f in self.visible_facts]:
            self.country = ""
        self.fact_id = fact_id

    def filter_by_country(self, code: str) -> None:
        self.country = code

    def on_unmount(self) -> None:
        self.save_position()

    def save_position(self) -> None:
        """The fact and the article's scroll (followed as it changes: at unmount the pane is gone)."""
        try:
            save_position(self.briefing.id, Position(self.fact_id, self._scroll_y))
        except OSError:
            pass  # a lost reading position is not worth an error at exit
