"""Markdown bundles: read, validate, write and discover them (see docs/bundle-format.md)."""
