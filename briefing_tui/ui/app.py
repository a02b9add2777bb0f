"""The Textual app: the library, the reader, and the app-wide keys."""

from __future__ import annotations

import gc
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.theme import Theme

from ..model import Briefing
from ..preferences import load_theme, save_theme
from ..sanitize import is_safe_link
from ..store import AnnotationStore
from . import screen_text
from .screens.confirm import ConfirmScreen
from .screens.help import HelpScreen
from .screens.library import LibraryScreen
from .screens.reader import ReaderScreen

GC_THRESHOLD = 10_000


class BriefingApp(App[None]):
    CSS_PATH = Path(__file__).with_name("briefing.tcss")
    TITLE = "briefing"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
    ]

    def __init__(self, open_bundle: Briefing | None = None, store: AnnotationStore | None = None) -> None:
        super().__init__()
        # Textual's caches keep ~100k small objects alive: with the default thresholds a full
        # collection (60-90 ms at 1 MB) lands on every few key presses. Collect less often.
        gc.set_threshold(GC_THRESHOLD, 10, 10)
        self.open_bundle = open_bundle
        self.store = store if store is not None else AnnotationStore()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text: messages quote bundle text, which is untrusted."""
        super().notify(
            screen_text.plain(message), title=screen_text.plain(title), severity=severity, timeout=timeout,
            markup=False,
        )

    def on_mount(self) -> None:
        theme = load_theme()
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(LibraryScreen())
        if self.open_bundle is not None:
            self.open_briefing(self.open_bundle)

    def _remember_theme(self, theme: Theme) -> None:
        """The theme picked in the palette is there at the next start."""
        try:
            save_theme(theme.name)
        except OSError as exc:
            self.notify(str(exc), title="Theme not remembered", severity="warning")

    def open_briefing(self, briefing: Briefing) -> None:
        self.push_screen(ReaderScreen(briefing))
        self.report_store_events()

    def report_store_events(self) -> None:
        """Tell the user when the store moved a broken file aside or recreated one."""
        for message in self.store.take_messages():
            self.notify(message, title="Notes store", severity="warning", timeout=10)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def ask_to_open_link(self, url: str) -> None:
        """Links open only on the user's say-so, and only http(s)."""
        shown = screen_text.plain(url)
        if not is_safe_link(url):
            self.notify(f"Refused to open {shown}: only http and https links open.", severity="error")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.open_url(url)

        self.push_screen(ConfirmScreen(f"Open this link in your browser?\n\n{shown}", yes="Open"), answered)
