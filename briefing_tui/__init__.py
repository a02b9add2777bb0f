"""briefing: read news briefings in the terminal, with their facts, countries and your notes."""

__version__ = "0.1.0"
