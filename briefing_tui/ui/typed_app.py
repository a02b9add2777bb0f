"""`self.app` as our app, typed: screens call the app's own methods (the store, opening a
briefing, asking before a link opens) without `type: ignore`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.dom import DOMNode

if TYPE_CHECKING:
    from .app import BriefingApp


def briefing_app(node: DOMNode) -> BriefingApp:
    from .app import BriefingApp  # the app imports the screens: import it when called

    app = node.app
    assert isinstance(app, BriefingApp), f"{type(node).__name__} runs only inside BriefingApp"
    return app
