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
  nesting limit; deeper is refused, see tests/test_bad_input.py), a 20 000-character word.
"""

from __future__ import annotations

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
"""


def countries_md() -> str:
    return f"""# Countries {ALL}

## US · United {CLICK} States {OSC52}

Role {ALL}

## FR · France {RLO}ecnarF

Role two {CSI_WIPE}{OSC8}
"""


def main() -> None:
    for name, text in (
        ("briefing.md", briefing_md()),
        ("facts.md", facts_md()),
        ("countries.md", countries_md()),
    ):
        (HERE / name).write_text(text, encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main()
