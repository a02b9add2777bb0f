"""Write the hostile bundle next to this file: `python tests/data/hostile/make_bundle.py`.

The bundle's files hold raw control bytes that no editor shows, so they are made
by this script and checked in; `tests/test_sanitize.py` asserts the files on disk
still carry every payload. The bundle is valid (it opens in the reader): each
payload sits in text the app shows, not in a field the validator would refuse.

Payloads (see docs/security.md):
- OSC 52 clipboard write, CSI 2J/3J/H screen wipe, OSC 8 hyperlink,
- U+009B (C1 CSI), other C0/C1 controls, DEL,
- U+202E (right-to-left override) and the isolates U+2066-U+2069,
- Textual markup that would be live: `[@click=app.quit]`, `[link=...]`,
- links to javascript:, file: and ftp: targets,
- a table 400 columns wide, block quotes 18 deep and lists 9 deep (just inside the parser's
  nesting limit; deeper is refused, see tests/test_bad_input.py), a 20 000-character word,
- (issue 16) a fact `value` holding OSC 52 (ST-terminated), CSI wipe and cursor move, OSC 0
  title, OSC 8, DCS, C1 and bidi payloads (a count: `1 <payloads>` still parses; see
  VALUE_LINE), and the OSC 0 title and a DCS in that fact's statement,
- (issue 16) markup that Textual's `escape()` leaves live because the tag starts with a
  space: `[ @click=app.quit]`, `[ @click=app.screenshot(...)]`, `[ link='file:...']` (in a
  statement and a country name), and `[Link=...]` (in a country name and a role), which raises
  MarkupError where bundle text is parsed as markup. `[Link=...]` is kept out of the
  statements: a MarkupError there would hide the live `[ @click=...]` in the palette.

`write_notes(data_dir)` writes a notes file for the bundle the way any program could:
payloads in a note's label, tags and text, a fact id the bundle lacks and a bogus country
code (the store cleans what it saves, so a file on disk is the only way to carry them).
`HOSTILE_FOLDER` is a folder name with OSC 52, C1 and RLO bytes, for the tests that copy
the bundle into a data dir.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

CLIPBOARD_B64 = "SE9TVElMRS1DTElQQk9BUkQ="  # base64("HOSTILE-CLIPBOARD")
OSC52 = f"\x1b]52;c;{CLIPBOARD_B64}\x07"
CSI_WIPE = "\x1b[2J\x1b[3J\x1b[H"
OSC8_URL = "https://osc8.evil.example/payload"
OSC8 = f"\x1b]8;;{OSC8_URL}\x1b\\osc8 link\x1b]8;;\x1b\\"
C1_CSI = "\u009b7777;7777H"
RLO = "\u202e"
CLICK = "[@click=app.quit]"
ALL = f"{OSC52}{CSI_WIPE}{OSC8}{C1_CSI}{RLO}gnp.exe{CLICK}"
OTHER_CONTROLS = "bel\x07 bs\x08 del\x7f nel\x85 osc\x9d lri\u2066 fsi\u2068 pdi\u2069 lre\u202a"

# Issue 16: a fact value. Each payload carries a word (PWNED...) the tests look for inside
# escape sequences; no line break, so the `- value:` field stays one line.
PWNED_B64 = "UFdORUQ="  # base64("PWNED")
OSC52_ST = f"\x1b]52;c;{PWNED_B64}\x1b\\"
CURSOR_MOVE = "\x1b[7777;7777H"
OSC0_TITLE = "\x1b]0;PWNED-TITLE\x07"
DCS = "\x1bPq#0;2;0;0;0PWNED-DCS\x1b\\"
OSC8_FILE = "\x1b]8;;file:///etc/passwd\x1b\\file link\x1b]8;;\x1b\\"
VALUE_PAYLOADS = (
    f"{OSC52_ST}{CSI_WIPE}{CURSOR_MOVE}{OSC0_TITLE}{OSC8}{OSC8_FILE}{DCS}{C1_CSI}"
    f"{RLO}gnp.exe\u2066isolate\u2069 bel\x07 bs\x08 del\x7f osc\x9d"
)
VALUE_LINE = f"1 {VALUE_PAYLOADS}"

# Issue 16: Textual's escape() skips a tag that starts with a space, so these stay live
# wherever bundle text passes through escape() and is then parsed as markup.
SHOT_DIR = "hostile-shots"  # relative: resolved against the app's working directory
SHOT_FILE = "x.svg"
QUIT_TAG = "[ @click=app.quit]"
SHOT_TAG = f"[ @click=app.screenshot('{SHOT_FILE}','{SHOT_DIR}')]"
FILE_LINK_TAG = "[ link='file:///etc/passwd']"
BAD_MARKUP = "[Link=https://e.com]x"
SPACED_MARKUP = (QUIT_TAG, SHOT_TAG, FILE_LINK_TAG, BAD_MARKUP)

# A bundle folder name the library shows: OSC 52, C1 CSI and RLO (no '/' and no NUL).
HOSTILE_FOLDER = f"hostile\x1b]52;c;{PWNED_B64}\x07\u009b2J\u202eredlof"

# Notes written by "another program": the store would clean them, a file on disk need not be.
NOTE_PAYLOAD = f"{OSC52_ST}{CSI_WIPE}{OSC0_TITLE}{DCS}{C1_CSI}{RLO}{QUIT_TAG}{SHOT_TAG}SHOT"
GHOST_FACT = f"ghost-fact{OSC52_ST}{RLO}{QUIT_TAG}"
BOGUS_COUNTRY = f"Z{OSC52_ST}{C1_CSI}{RLO}"
NOTED_FACTS = ("hostile-opening", "hostile-second", "hostile-third", "hostile-value", "hostile-markup")

# YAML double-quoted escapes: PyYAML refuses raw control characters in a stream.
YAML_ALL = (
    '\\e]52;c;' + CLIPBOARD_B64 + '\\a\\e[2J\\e[3J\\e[H\\e]8;;' + OSC8_URL
    + '\\e\\\\osc8 link\\e]8;;\\e\\\\\\x9b7777;7777H\\u202Egnp.exe[@click=app.quit]'
)

# The first paragraph fills the top of the article pane with clickable-looking markup.
CLICK_WALL = " ".join([CLICK] * 60)
SOURCE_1 = f"Hostile opening {ALL} ends here."
SOURCE_2 = f"Second hostile sentence {OTHER_CONTROLS} ends here."


def briefing_md() -> str:
    deep_quote = "> " * 18 + "deep quote"
    deep_list = "\n".join("  " * i + f"- level {i}" for i in range(9))
    header = "| " + " | ".join(f"c{i}" for i in range(400)) + " |"
    rule = "|" + "---|" * 400
    row = "| " + " | ".join(f"{CLICK}{i}" for i in range(400)) + " |"
    return f"""---
id: hostile
title: "Hostile {YAML_ALL}"
source: "Evil \\e[2J Source"
published: 2025-01-01
summary: "Summary {YAML_ALL}"
tags: ["\\e]52;c;{CLIPBOARD_B64}\\a", "[@click=app.quit]"]
schema: 1
---

{CLICK_WALL}

{SOURCE_1}

{SOURCE_2}

## Heading {ALL}

Links: [javascript link](javascript:alert(1)) [file link](file:///etc/passwd)
[ftp link](ftp://files.evil.example/x) [markup link][@click=app.quit] <javascript:alert(2)>
[https link](https://example.org/safe) [link=https://evil.example]markup[/link]

`code {ALL}`

```
fenced {ALL}
```

{header}
{rule}
{row}

{deep_quote}

{deep_list}

{"A" * 20_000}

Last paragraph {ALL}.
"""


def facts_md() -> str:
    return f"""# Facts {ALL}

## hostile-opening
- kind: claim
- countries: US

> {SOURCE_1}

Statement one {ALL}

## hostile-second
- kind: claim
- countries: FR

> {SOURCE_2}

Statement two {CLICK} {OSC52}

## hostile-third
- kind: claim

> Last paragraph

Statement three {C1_CSI}{RLO}reversed

## hostile-value
- kind: figure
- value: {VALUE_LINE}

> Last paragraph

Valued statement {OSC0_TITLE}{DCS}

## hostile-markup
- kind: claim
- countries: DE

> Last paragraph

Gopher {SHOT_TAG}SHOT {QUIT_TAG}quit {FILE_LINK_TAG}passwd
"""


def countries_md() -> str:
    return f"""# Countries {ALL}

## US · United {CLICK} States {OSC52}

Role {ALL}

## FR · France {RLO}ecnarF {BAD_MARKUP}

Role two {CSI_WIPE}{OSC8}

## DE · Germany {QUIT_TAG}quit {SHOT_TAG}SHOT {FILE_LINK_TAG}passwd

Role three {BAD_MARKUP} {FILE_LINK_TAG}passwd {QUIT_TAG}quit {OSC0_TITLE}{DCS}
"""


def _note(n: int, target: dict[str, object], label: str) -> tuple[str, dict[str, object]]:
    note_id = f"hostile:{n:012x}"
    return note_id, {
        "id": note_id,
        "bundle_id": "hostile",
        "target": target,
        "text": f"Note {n} {NOTE_PAYLOAD}",
        "tags": [f"tag{OSC52_ST}", f"{QUIT_TAG}t", f"{RLO}gat"],
        "label": label,
        "created": f"2026-01-01T00:00:{n:02d}Z",
        "updated": f"2026-01-01T00:00:{n:02d}Z",
        "schema": 1,
    }


def notes_records() -> dict[str, dict[str, object]]:
    """The hostile notes as TinyDB documents, keyed by note id."""
    label = f"important{OSC52_ST}{C1_CSI}{RLO}{QUIT_TAG}"
    targets: list[dict[str, object]] = [{"kind": "fact", "fact_id": f} for f in NOTED_FACTS]
    targets += [
        {"kind": "fact", "fact_id": GHOST_FACT},
        {"kind": "country", "country": BOGUS_COUNTRY},
        {"kind": "country", "country": "DE"},
        {
            "kind": "passage",
            "anchor": {"exact": f"Hostile opening {OSC52_ST}", "prefix": CSI_WIPE, "suffix": RLO, "start": 3},
        },
    ]
    return dict(_note(n, target, label) for n, target in enumerate(targets, start=1))


def write_notes(data_dir: Path) -> Path:
    """Write `notes/hostile.json` (TinyDB's layout: {"notes": {id: record}}) under `data_dir`."""
    path = data_dir / "notes" / "hostile.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"notes": notes_records()}, indent=1), encoding="utf-8")
    return path


def main() -> None:
    for name, text in (
        ("briefing.md", briefing_md()),
        ("facts.md", facts_md()),
        ("countries.md", countries_md()),
    ):
        (HERE / name).write_text(text, encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main()
