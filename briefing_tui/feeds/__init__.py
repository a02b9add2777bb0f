"""News feeds: the list the user subscribes to, their fetch state, OPML, and the update
that turns new entries into briefings. Everything lives in the data dir beside the notes
(`feeds.json`, `feeds/<name>.json`), each file written atomically."""
