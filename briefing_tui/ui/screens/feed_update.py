"""Update every feed from the library, with progress.

The update runs as `briefing feed update` in a child process, read line by line in a
worker thread: the UI never imports the extractor (a layer rule), a crash or a hang in
an article's extraction cannot take the app down, and a kill of the child leaves the
feed state valid (the next update finishes the job). Escape stops it and goes back.
"""

from __future__ import annotations

import os
import subprocess
import sys

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, ProgressBar, RichLog

from .. import screen_text


def command() -> list[str]:
    """The child process: this same Python running this same `briefing`."""
    return [sys.executable, "-m", "briefing_tui", "feed", "update", "--progress-lines"]


class FeedUpdateScreen(ModalScreen[bool]):
    """Progress of `feed update`; dismissed with True when something may have changed."""

    DEFAULT_CSS = """
    FeedUpdateScreen { align: center middle; }
    FeedUpdateScreen > Vertical {
        width: 80%; max-width: 100; height: 70%; border: round $accent; background: $surface;
        padding: 0 1;
    }
    FeedUpdateScreen RichLog { height: 1fr; }
    """
    BINDINGS = [Binding("escape", "close", "Close", id="feed_update.close")]

    def __init__(self) -> None:
        super().__init__()
        self._proc: subprocess.Popen[str] | None = None
        self.finished = False
        self._gone = False
        self.lines: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Updating feeds…", style="bold"), id="feed-update-status")
            yield ProgressBar(total=None, show_eta=False, id="feed-update-bar")
            yield RichLog(id="feed-update-log", wrap=True, markup=False)

    def on_mount(self) -> None:
        self.run_update()

    @work(thread=True, exclusive=True)
    def run_update(self) -> None:
        try:
            proc = subprocess.Popen(
                command(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                text=True, encoding="utf-8", errors="replace", env=dict(os.environ),
            )
        except OSError as exc:
            self.app.call_from_thread(self._done, f"could not start the update: {exc.strerror or exc}")
            return
        self._proc = proc
        assert proc.stdout is not None
        for line in proc.stdout:
            self.app.call_from_thread(self._line, line.rstrip("\n"))
        code = proc.wait()
        self.app.call_from_thread(self._done, "" if code in (0, 1) else f"the update stopped (exit {code})")

    def _line(self, line: str) -> None:
        if self._gone:
            return
        bar = self.query_one(ProgressBar)
        parts = line.split(" ", 3)
        if parts[0] == "feed" and len(parts) >= 3 and parts[1].isdigit() and parts[2].isdigit():
            bar.update(total=int(parts[2]), progress=int(parts[1]))
            name = parts[3] if len(parts) > 3 else ""
            status = "Done." if name == "done" else f"Updating {name}…"
            self.query_one("#feed-update-status", Label).update(screen_text.text((status, "bold")))
            return
        if parts[0] == "entry":
            self.query_one(RichLog).write(screen_text.text("  " + line[len("entry "):], style="dim"))
            return
        self.lines.append(line)
        style = "red" if line.startswith("briefing: error:") else ""
        self.query_one(RichLog).write(screen_text.text(line, style=style))

    def _done(self, problem: str) -> None:
        self.finished = True
        self._proc = None
        if self._gone:
            return
        label = self.query_one("#feed-update-status", Label)
        if problem:
            label.update(screen_text.text((problem, "bold red")))
        elif not self.lines:
            label.update(Text("No feeds yet: briefing feed add URL", style="bold"))
        else:
            label.update(Text("Done. Escape goes back to the library.", style="bold"))
        bar = self.query_one(ProgressBar)
        bar.update(total=bar.total or 1, progress=bar.total or 1)

    def action_close(self) -> None:
        self._gone = True
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.terminate()  # the feed state stays valid: the next update finishes the job
        self.dismiss(True)
