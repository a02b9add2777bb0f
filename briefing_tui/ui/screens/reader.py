"""The reader: article, facts, countries and notes of one briefing, side by side.

State lives in three reactives (the selected fact, the country filter, the search
query); the panes are redrawn from them, so keys, clicks and the command palette
all go through the same path.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, OptionList

from ...countries import display_name
from ...model import Annotation, Briefing, Fact, Target
from ...notes import NotesService
from ...reading_state import Position, load_position, save_position
from .. import screen_text
from ..commands import ReaderCommands
from ..footer_fit import fit_footer
from ..messages import BundleChecked, CountryChosen, CountryHighlighted, FactSelected
from ..typed_app import briefing_app
from ..widgets.article_view import ArticleView
from ..widgets.country_list import CountryList, country_label
from ..widgets.fact_list import FactList
from ..widgets.notes_pane import NotesPane
from . import note_out, reader_check, reader_notes, reader_search
from .reader_keys import FOOTER_DROP_ORDER, READER_BINDINGS

if TYPE_CHECKING:
    from ..app import BriefingApp

NARROW_WIDTH = 110
TINY_WIDTH = 60
SHORT_HEIGHT = 20
COMPACT_HEIGHT = 30


class ReaderScreen(Screen[None]):
    COMMANDS = Screen.COMMANDS | {ReaderCommands}
    BINDINGS = READER_BINDINGS

    fact_id: reactive[str] = reactive("", init=False)
    country: reactive[str] = reactive("", init=False)
    search_query: reactive[str] = reactive("", init=False)

    def __init__(self, briefing: Briefing, checking: Path | None = None) -> None:
        """`checking`: a large bundle's folder; `briefing` holds its article alone (reader_check)."""
        super().__init__()
        self.checking = checking
        self.use_briefing(briefing)
        self.notes: list[Annotation] = []
        self._restore = load_position(briefing.id)
        self.search_hits: set[str] = set()  # ids of the facts that hold the search query
        self.search_timer: Timer | None = None  # a search waiting for a pause in typing
        self._scroll_y = 0

    def use_briefing(self, briefing: Briefing, matcher: reader_search.FactMatcher | None = None) -> None:
        """The briefing shown, and what comes from it: its facts in article order, their matcher
        (made already, when a worker read the facts)."""
        self.briefing = briefing
        self.facts = briefing.facts_in_article_order()
        self.match_facts = matcher or reader_search.FactMatcher(self.facts)

    @property
    def briefing_app(self) -> BriefingApp:
        return briefing_app(self)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return fit_footer(self, super().active_bindings, FOOTER_DROP_ORDER)

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
        article = self.query_one("#article", ArticleView)
        article.border_title = "Article"
        reader_notes.reload(self)
        # Reading the notes may have moved a broken file aside: say so now, not at the next save.
        self.briefing_app.report_store_events()
        self.watch(article, "scroll_y", self._article_scrolled, init=False)
        self.watch(article, "shown", self._article_shown, init=False)
        article.load(self.briefing.body)

    def _article_shown(self, shown: bool) -> None:
        """The lists and a large bundle's check wait for the article's first screen."""
        if shown:
            self.fill_lists()
            if self.checking is not None:
                reader_check.start(self, self.checking)

    @on(BundleChecked)
    def _checked(self, event: BundleChecked) -> None:
        reader_check.take(self, event.briefing, event.matcher)

    def fill_lists(self, focus: bool = True) -> None:
        self._show_facts()
        self._show_countries()
        start = self._restore.fact_id if self.briefing.fact(self._restore.fact_id) else ""
        if not start and self.facts:
            start = self.facts[0].id
        if focus:
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
        facts.show_facts(self.visible_facts, self.annotated_ids, self.search_hits)
        self._update_facts_title()

    def _show_countries(self) -> None:
        counts = {c.code: sum(c.code in f.countries for f in self.facts) for c in self.briefing.countries}
        self.query_one(CountryList).show_countries(list(self.briefing.countries), counts, self.country)

    def _update_facts_title(self) -> None:
        visible = [f.id for f in self.visible_facts]
        i = visible.index(self.fact_id) + 1 if self.fact_id in visible else 0
        where = f" · {self.name_of(self.country)}" if self.country else ""
        n = len(self.search_hits)
        hits = (f" · {n} match" + ("" if n == 1 else "es")) if self.search_query else ""
        count = " · checking…" if self.checking else f" {i}/{len(visible)}"
        # Content, not str: a str border title is parsed as markup, and the name is bundle text.
        self.query_one(FactList).border_title = screen_text.content(f"Facts{where}{count}{hits}")

    def show_notes(self) -> None:
        """The pane shows the notes of the highlighted country while the sidebar has focus,
        else those of the selected fact."""
        pane = self.query_one(NotesPane)
        code = self.highlighted_country() if isinstance(self.focused, CountryList) else ""
        if code:
            mine = [n for n in self.notes if n.target.kind == "country" and n.target.country == code]
            pane.border_title = screen_text.content(f"Notes · {self.name_of(code)}")
            pane.show_notes(mine, "No notes on this country: press A to add one.")
            return
        mine = [n for n in self.notes if n.target.kind == "fact" and n.target.fact_id == self.fact_id]
        pane.border_title = screen_text.content(
            f"Notes · {self.fact_id}" if self.briefing.fact(self.fact_id) else "Notes"
        )
        pane.show_notes(mine, "No notes on this fact: press a to add one.")

    def name_of(self, code: str) -> str:
        """One name per country on every label: the bundle's, else ISO 3166's, else the code."""
        country = self.briefing.country(code)
        return country_label(country) if country else screen_text.plain(display_name(code))

    def highlighted_country(self) -> str:
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
        self.show_notes()

    def watch_country(self, country: str) -> None:
        self._show_facts()
        self._show_countries()
        visible = self.visible_facts
        if visible and self.fact_id not in [f.id for f in visible]:
            self.fact_id = visible[0].id
        else:
            self._update_facts_title()
        if country and not visible:
            reader_search.show_mentions(self, country)
        elif country:
            name = self.name_of(country)
            self.notify(f"{len(visible)} facts involve {name}. Escape clears the filter.", timeout=3)

    def watch_search_query(self, query: str) -> None:
        article = self.query_one(ArticleView)
        if query:
            article.search(query)
            self.search_hits = self.match_facts(query)
            reader_search.show_match_count(self)
        else:
            article.clear_search()
            self.search_hits = set()
            fact = self.briefing.fact(self.fact_id)
            if fact is not None:
                article.highlight_quote(fact.source)
        self.query_one(FactList).refresh_marks(self.annotated_ids, self.search_hits)
        self._update_facts_title()
        self.refresh_bindings()

    # --- events from the panes ---------------------------------------------------

    @on(FactSelected)
    def _fact_selected(self, event: FactSelected) -> None:
        if event.fact_id != self.fact_id:
            self.fact_id = event.fact_id

    @on(CountryHighlighted)
    def _country_highlighted(self, event: CountryHighlighted) -> None:
        self.show_notes()

    def on_descendant_focus(self) -> None:
        self.show_notes()

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
        reader_search.typed(self, event.value.strip())

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

    def action_next_match(self) -> None:
        reader_search.step_match(self, +1)

    def action_previous_match(self) -> None:
        reader_search.step_match(self, -1)

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
        from .info import InfoScreen

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
        else:
            self.save_position()
            self.briefing_app.back_to_library(self.briefing.id)

    # --- notes (reader_notes; copying, exporting and the editor in note_out) --------------

    @property
    def notes_service(self) -> NotesService:
        """Every change to notes goes through the service: the CLI's rules are the reader's."""
        return NotesService(self.briefing_app.store)

    def action_add_note(self) -> None:
        reader_notes.add_note(self)

    def action_add_country_note(self) -> None:
        reader_notes.add_country_note(self)

    def action_edit_note(self) -> None:
        reader_notes.edit_note(self)

    def action_delete_note(self) -> None:
        reader_notes.delete_note(self)

    def action_next_annotated(self) -> None:
        reader_notes.step_noted(self, +1)

    def action_previous_annotated(self) -> None:
        reader_notes.step_noted(self, -1)

    def action_all_notes(self) -> None:
        reader_notes.all_notes(self)

    def go_to_target(self, target: Target) -> None:
        """The fact, the country or the passage a note (or a search hit) is about."""
        reader_notes.go_to_target(self, target)

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

    def action_timeline(self) -> None:
        from .corpus_nav import timeline_of  # it opens readers: imported when used

        timeline_of(self)

    def action_dossier(self) -> None:
        from .corpus_nav import dossier_of

        dossier_of(self, self.highlighted_country())

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
            fact_id = self._restore.fact_id if self.checking else self.fact_id  # none chosen yet
            save_position(self.briefing.id, Position(fact_id, self._scroll_y))
        except OSError:
            pass  # a lost reading position is not worth an error at exit
