"""Raw articles -> clean text, facts and countries (no Textual imports here)."""
