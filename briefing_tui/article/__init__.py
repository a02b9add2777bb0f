"""The article, headless: Markdown body -> blocks and the reader's text, the quote matcher,
wrapping, and the indexes the article view keeps. Nothing here imports Textual.

- `source`: the one parser configuration and the cutting of a long body into chunks;
- `blocks`: a body as leaf blocks, and the reader's plain text (what the view shows);
- `matcher`: the one function that says where a source quote stands in the reader's text;
- `quote_index`: many quotes located in one pass over a long text;
- `readable`: the validator's view of the reader's text (raw body where that is sound);
- `wrap`: blocks wrapped to a width (cells measured with rich's widths, as in the link hit-test);
- `text_index`, `height_index`: the view's search/highlight text and its line geometry;
- `document_layout`: the view's blocks at a width (which line is drawn where, the link under a cell).
"""
