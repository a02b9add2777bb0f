"""Widgets of the reader: each draws one pane and posts messages; the app wires them."""
