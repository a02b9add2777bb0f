"""Across briefings: the search index (a rebuildable SQLite FTS5 cache), the country dossier
and the timeline. Headless: no Textual here; the CLI and the UI call the same functions."""
