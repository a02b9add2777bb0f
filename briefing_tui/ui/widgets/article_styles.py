"""The article view's component classes and default styles (kept apart from its code)."""

from __future__ import annotations

COMPONENT_CLASSES: set[str] = {
    "article-view--h1",
    "article-view--h2",
    "article-view--h3",
    "article-view--h4",
    "article-view--h5",
    "article-view--h6",
    "article-view--text",
    "article-view--em",
    "article-view--strong",
    "article-view--strike",
    "article-view--code",
    "article-view--code-block",
    "article-view--link",
    "article-view--image",
    "article-view--quote",
    "article-view--quote-bar",
    "article-view--bullet",
    "article-view--rule",
    "article-view--table-border",
    "article-view--table-header",
    "article-view--notice",
    "article-view--highlight",
    "article-view--match",
    "article-view--match-current",
}

DEFAULT_CSS = """
    ArticleView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        padding: 0 1;
        background: $surface;
        color: $foreground;
    }
    ArticleView > .article-view--h1 {
        background: $primary;
        color: $text;
        text-style: bold;
    }
    ArticleView > .article-view--h2 {
        color: $accent;
        text-style: bold underline;
    }
    ArticleView > .article-view--h3 {
        color: $accent;
        text-style: bold;
    }
    ArticleView > .article-view--h4 {
        color: $secondary;
        text-style: bold italic;
    }
    ArticleView > .article-view--h5 {
        color: $secondary;
        text-style: italic underline;
    }
    ArticleView > .article-view--h6 {
        color: $text-muted;
        text-style: italic;
    }
    ArticleView > .article-view--text {
    }
    ArticleView > .article-view--em {
        text-style: italic;
    }
    ArticleView > .article-view--strong {
        text-style: bold;
    }
    ArticleView > .article-view--strike {
        text-style: strike;
    }
    ArticleView > .article-view--code {
        color: $warning;
        background: $boost;
    }
    ArticleView > .article-view--code-block {
        color: $text;
        background: $panel;
    }
    ArticleView > .article-view--link {
        color: $primary;
        text-style: underline;
    }
    ArticleView > .article-view--image {
        color: $text-muted;
        text-style: italic;
    }
    ArticleView > .article-view--quote {
        color: $text-muted;
        text-style: italic;
    }
    ArticleView > .article-view--quote-bar {
        color: $accent;
    }
    ArticleView > .article-view--bullet {
        color: $accent;
        text-style: bold;
    }
    ArticleView > .article-view--rule {
        color: $primary;
    }
    ArticleView > .article-view--table-border {
        color: $primary-darken-1;
    }
    ArticleView > .article-view--table-header {
        text-style: bold;
    }
    ArticleView > .article-view--notice {
        color: $warning;
        text-style: italic;
    }
    ArticleView > .article-view--highlight {
        background: $warning 60%;
        color: $text;
        text-style: bold;
    }
    ArticleView > .article-view--match {
        background: $accent 40%;
        text-style: underline;
    }
    ArticleView > .article-view--match-current {
        background: $accent;
        color: $text;
        text-style: bold reverse;
    }
    """
