"""Notes out of the app: one module per format, over the shared context in `common`.

`common` works out what every format says about a note (the sentence it is about, the
fact's statement, the citation, the filters); `markdown`, `w3c` and `readwise` only lay
that out. `briefing_tui.export` picks the format and writes the file.
"""
