"""The Textual app: the library, the reader, and the app-wide keys.

Screens the first frame of `briefing open` does not show (the library, help, the link
question) are imported when first used: a start costs what it shows.
"""

from __future__ import annotations

import gc
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.theme import Theme

from ..bundle.errors import BundleError
from ..model import Briefing
from ..preferences import load_theme, save_theme
from ..sanitize import is_safe_link
from ..store import AnnotationStore
from . import screen_text
from .messages import BundleRefused
from .screens.reader import ReaderScreen

GC_THRESHOLD = 10_000


class BriefingApp(App[None]):
    CSS_PATH = Path(__file__).with_name("briefing.tcss")
    TITLE = "briefing"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
    ]

    def __init__(
        self, open_bundle: Briefing | None = None, store: AnnotationStore | None = None,
        checking: Path | None = None,
    ) -> None:
        """`open_bundle`: the briefing to open the reader on (`briefing open`); `checking`: its
        folder when it holds the article alone, its facts still to be read (reader_check)."""
        super().__init__()
        # Textual's caches keep ~100k small objects alive: with the default thresholds a full
        # collection (60-90 ms at 1 MB) lands on every few key presses. Collect less often.
        gc.set_threshold(GC_THRESHOLD, 10, 10)
        self.open_bundle = open_bundle
        self.checking = checking
        # Why the bundle of `briefing open` was refused once the reader had checked it.
        self.refused: BundleError | None = None
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
        if self.open_bundle is not None:  # the library comes when the reader is left (back_to_library)
            self.open_briefing(self.open_bundle, self.checking)
        else:
            from .screens.library import LibraryScreen

            self.push_screen(LibraryScreen())

    def _remember_theme(self, theme: Theme) -> None:
        """The theme picked in the palette is there at the next start."""
        try:
            save_theme(theme.name)
        except OSError as exc:
            self.notify(str(exc), title="Theme not remembered", severity="warning")

    def open_briefing(self, briefing: Briefing, checking: Path | None = None) -> None:
        self.push_screen(ReaderScreen(briefing, checking))
        self.report_store_events()

    def back_to_library(self, briefing_id: str) -> None:
        """Leave the reader for the screen beneath it; under `briefing open`, where the reader
        came first, for the library, made only now (its cursor on this briefing)."""
        if len(self.screen_stack) > 2:
            self.pop_screen()
        else:
            from .screens.library import LibraryScreen

            self.switch_screen(LibraryScreen(select_id=briefing_id))

    def on_bundle_refused(self, message: BundleRefused) -> None:
        """A large bundle's facts failed their check: close its reader and say why; under
        `briefing open` with nothing beneath the reader, exit and let the CLI say it."""
        reader = message.reader
        if reader not in self.screen_stack:
            return
        while self.screen is not reader:
            self.pop_screen()
        if len(self.screen_stack) <= 2:  # `briefing open`: the reader came first
            self.refused = message.error
            self.exit(return_code=2)
            return
        self.pop_screen()
        self.notify(message.error.summary(), title="Cannot open this bundle", severity="error", timeout=10)

    def report_store_events(self) -> None:
        """Tell the user when the store moved a broken file aside or recreated one."""
        for message in self.store.take_messages():
            self.notify(message, title="Notes store", severity="warning", timeout=10)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

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

        from .screens.confirm import ConfirmScreen

        self.push_screen(ConfirmScreen(f"Open this link in your browser?\n\n{shown}", yes="Open"), answered)
