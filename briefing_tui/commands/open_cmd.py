"""`briefing` and `briefing open BUNDLE`: start the app on the library or on one briefing."""

from __future__ import annotations

import argparse

from . import load_for_reader, refused


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "open", help="open a briefing in the reader", description="Open one briefing in the reader."
    )
    p.add_argument("bundle", metavar="BUNDLE", help="bundle id, or a path to a bundle folder")
    p.set_defaults(func=run)


def run_library(args: argparse.Namespace) -> int:
    from ..ui.app import BriefingApp

    app = BriefingApp()
    app.run()
    return app.return_code or 0  # 1 after a crash: never report success for a traceback


def run(args: argparse.Namespace) -> int:
    briefing, checking = load_for_reader(args.bundle)
    from ..ui.app import BriefingApp

    app = BriefingApp(open_bundle=briefing, checking=checking)
    app.run()
    if app.refused is not None:  # a large bundle whose facts failed their check in the reader
        raise refused(app.refused)
    return app.return_code or 0
