"""Fuzzing the bundle reader, the article reader, import and the article layout (hypothesis).

Whatever the bytes, the reader raises nothing but `BundleError`, and every problem
names one of the bundle's files (or the folder) and a line; `read_article` raises
nothing but `ArticleError`; `briefing import` fails only with `ImportFailure`; the
article layout never raises and never lets an unsafe character through.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_tui.article.blocks import iter_block_batches, parse_blocks
from briefing_tui.article.wrap import layout_block
from briefing_tui.bundle.errors import BundleError
from briefing_tui.bundle.reader import BRIEFING_FILE, COUNTRIES_FILE, FACTS_FILE, read_bundle
from briefing_tui.extract.article import ArticleError, read_article
from briefing_tui.model import Briefing

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")

# Characters that mean something to Markdown, YAML or a terminal, plus some ordinary text.
_MD_ALPHABET = st.sampled_from(
    list("#>-*+_`~|[]()!:\\<>&;'\"=@/.,0123456789 \t\n")
    + list("abcXYZ")
    + ["\x1b", "\x07", "\x00", "\x9b", "\u202e", "\r", "\x0c", "é", "日", "\ufeff", "---\n", "```\n", "\n\n"]
    + ["## ", "- kind: ", "- value: ", "- countries: ", "> ", "| a | b |\n|---|---|\n", "[@click=app.quit]"]
)
markdown_text = st.lists(_MD_ALPHABET, max_size=120).map("".join)

_YAML_VALUES = st.one_of(
    st.text(max_size=20),
    st.integers(),
    st.sampled_from(
        [
            "2025-01-01",
            "2025-13-45",
            "null",
            "[a, b]",
            "{a: 1}",
            "- x",
            "!!python/object:os.system",
            "&a *a",
            '"\\e]52;c;SGk=\\a"',
            "|\n  block",
        ]
    ),
)
_YAML_KEYS = st.sampled_from(
    ["id", "title", "source", "published", "url", "summary", "tags", "people", "organisations", "schema", "x"]
)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """A front-matter block that is sometimes valid YAML, sometimes a mess."""
    lines = [f"{draw(_YAML_KEYS)}: {draw(_YAML_VALUES)}" for _ in range(draw(st.integers(0, 8)))]
    if draw(st.booleans()):
        lines.append("id: fuzz")
        lines.append("title: Fuzz")
    lines += draw(st.lists(st.text(max_size=15), max_size=2))
    close = draw(st.sampled_from(["---\n", "...\n", "", "--- \n"]))
    return "---\n" + "\n".join(lines) + "\n" + close


@st.composite
def fact_section(draw: st.DrawFn) -> str:
    fid = draw(st.sampled_from(["f1", "f2", "f1", "bad id", "", "a.b-c"]))
    fields = draw(
        st.lists(
            st.sampled_from(
                [
                    "- kind: claim",
                    "- kind: figure",
                    "- kind: nonsense",
                    "- value: 12 USD",
                    "- value: 2025-02-30",
                    "- value: 50%",
                    "- value: ???",
                    "- countries: US, ZZ",
                    "- countries: FR",
                    "- speaker: X",
                    "- origin: nowhere",
                    "- nokey",
                    "- unknown: field",
                ]
            ),
            max_size=5,
        )
    )
    quote = draw(st.sampled_from(["> Body text here.", "> not in the article", "", "> "]))
    statement = draw(st.sampled_from(["A statement.", "", "```\ncode\n```", "| t |\n|---|\n| c |"]))
    return f"## {fid}\n" + "\n".join(fields) + f"\n\n{quote}\n\n{statement}\n"


def _check_problems(folder: Path, exc: BundleError) -> None:
    assert exc.problems, "a BundleError with no problem"
    allowed = {
        str(folder),
        str(folder / BRIEFING_FILE),
        str(folder / FACTS_FILE),
        str(folder / COUNTRIES_FILE),
    }
    for p in exc.problems:
        assert p.path in allowed, p
        assert isinstance(p.line, int) and p.line >= 0, p
        assert p.message.strip(), p
        assert "\n" not in p.message, p


@contextmanager
def bundle_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp) / "b"


def _read(folder: Path, files: dict[str, bytes | None]) -> Briefing | None:
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        path = folder / name
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(data)
    try:
        return read_bundle(folder)
    except BundleError as exc:
        _check_problems(folder, exc)
        return None


_FILES = (BRIEFING_FILE, FACTS_FILE, COUNTRIES_FILE)


@FUZZ
@given(st.tuples(*[st.one_of(st.none(), st.binary(max_size=300)) for _ in _FILES]))
def test_reader_on_random_bytes(contents: tuple[bytes | None, ...]) -> None:
    with bundle_dir() as folder:
        _read(folder, dict(zip(_FILES, contents, strict=True)))


@FUZZ
@given(front_matter(), markdown_text, markdown_text, markdown_text)
def test_reader_on_random_markdown(fm: str, body: str, facts: str, countries: str) -> None:
    with bundle_dir() as folder:
        files = {
            BRIEFING_FILE: (fm + body).encode("utf-8", "surrogatepass"),
            FACTS_FILE: facts.encode("utf-8", "surrogatepass"),
            COUNTRIES_FILE: countries.encode("utf-8", "surrogatepass"),
        }
        _read(folder, files)


@FUZZ
@given(
    front_matter(),
    st.lists(fact_section(), max_size=4),
    st.sampled_from(["", "## US\n\nRole.\n", "## ZZ\n", "## FR · France\n\nR\n## FR\n\nR\n"]),
)
def test_reader_on_random_front_matter_and_facts(fm: str, sections: list[str], countries: str) -> None:
    with bundle_dir() as folder:
        files = {
            BRIEFING_FILE: (fm + "\nBody text here.\n").encode(),
            FACTS_FILE: "\n".join(sections).encode(),
            COUNTRIES_FILE: countries.encode(),
        }
        briefing = _read(folder, files)
        if briefing is not None:  # what loads is what the validator promised
            assert all(f.kind for f in briefing.facts)


@FUZZ
@given(st.text(max_size=400) | markdown_text | st.binary(max_size=400).map(lambda b: b.decode("latin-1")))
def test_read_article_raises_only_article_error(text: str) -> None:
    try:
        article = read_article(text)
    except ArticleError as exc:
        assert str(exc).strip()
        return
    assert not UNSAFE.search(article.body)
    assert not UNSAFE.search(article.title)


_HTML_BITS = st.sampled_from(
    [
        "<html>",
        "<body>",
        "<p>",
        "</p>",
        "<h1>",
        "</h1>",
        "<script>alert(1)</script>",
        "<a href='javascript:x'>",
        "</a>",
        "<table><tr><td>",
        "<div>",
        "<title>T</title>",
        "<meta name='date' content='2025-01-01'>",
        "\x1b]52;c;SGk=\x07",
        "The US said 5% on 12 December.",
        "&amp;",
        "&#27;",
        "<!--",
        "-->",
        "<br>",
        " ",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_HTML_BITS, max_size=40).map("".join))
def test_read_article_on_random_html(html: str) -> None:
    try:
        article = read_article(html)
    except ArticleError:
        return
    assert not UNSAFE.search(article.body)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300) | markdown_text.map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_import_fails_only_with_import_failure(data: bytes) -> None:
    from briefing_tui.extract.importer import ImportFailure, import_file

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "article.txt"
        src.write_bytes(data)
        try:
            result = import_file(str(src), Path(tmp) / "out", published="2025-01-01")
        except ImportFailure as exc:
            message = str(exc)
            assert message.strip() and "\n" not in message.strip()
            return
        # What import writes must read back as a valid bundle.
        assert read_bundle(result.folder).id == result.briefing.id


@FUZZ
@given(markdown_text, st.integers(1, 200))
def test_article_layout_never_raises_or_leaks(markdown: str, width: int) -> None:
    blocks = [b for batch in iter_block_batches(markdown, chunk_size=64) for b in batch]
    blocks += parse_blocks(markdown)
    for block in blocks:
        assert not UNSAFE.search(block.text)
        for line in layout_block(block, width):
            for piece in line.pieces:
                text = getattr(piece, "text", None)
                if isinstance(text, str):
                    assert not UNSAFE.search(text)
