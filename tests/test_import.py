"""`briefing import`: text, Markdown and HTML in; a valid bundle out; bad input refused
with one line naming the file and nothing written."""

from __future__ import annotations

import argparse
import gzip
import io
from pathlib import Path

import pytest
from conftest import shared_data

from briefing_tui.bundle.reader import read_bundle
from briefing_tui.commands import CommandError
from briefing_tui.commands.import_cmd import add_parser
from briefing_tui.extract.importer import ImportFailure, import_file, load_input, make_id
from briefing_tui.locations import bundles_dir

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SEED = ROOT / "seeds" / "000_2bdf84615b68684f.txt"
HTML_PAGE = ("article-extraction", "html",
             "04a6711caa7c687592777718866e781e976e0fe684faebe8b3cedcef8cd0ea34.html.gz")


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="briefing")
    add_parser(parser.add_subparsers())
    args = parser.parse_args(["import", *argv])
    return args.func(args)


def test_import_seed_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run_cli(str(SEED), "--title", "US seeks minerals deals", "--published", "2025-11-26",
                   "--source", "GlobalData", "--out", str(tmp_path))
    assert code == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "us-seeks-minerals-deals"
    assert any(line.strip().startswith("facts:") and "quote 1" in line for line in out)
    assert any("countries: US, CN, AU, KR, IL, JP, NL, SG, GB, AE" in line for line in out)
    b = read_bundle(tmp_path / "us-seeks-minerals-deals")
    assert b.published == "2025-11-26" and b.source == "GlobalData"
    assert "2025-12-12" in {f.value.to_text() for f in b.facts if f.value}
    assert "Discover B2B Marketing" not in b.body  # promo lines are the article reader's job
    # No temp left (tmp_path/data is the test's data dir, where the import notes its source).
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == ["us-seeks-minerals-deals"]


def test_default_destination_is_bundles_dir(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(str(SEED), "--id", "seed") == 0
    assert (bundles_dir() / "seed" / "briefing.md").is_file()


def test_import_markdown(tmp_path: Path) -> None:
    md = tmp_path / "note.md"
    md.write_text(
        "# Japan and **Australia** sign a pact\n\n"
        "Japan and Australia signed a *defence* pact worth $5bn on 3 March 2024.\n\n"
        "- Trade grew 12 per cent in 2023.\n",
        encoding="utf-8",
    )
    result = import_file(str(md), tmp_path / "out")
    b = read_bundle(result.folder)
    assert b.id == "japan-and-australia-sign-a-pact"
    assert {c.code for c in b.countries} == {"JP", "AU"}
    values = {f.value.to_text() for f in b.facts if f.value}
    assert {"5000000000 USD", "2024-03-03", "12%", "2023"} <= values


def test_import_html_page(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(gzip.decompress(shared_data(*HTML_PAGE).read_bytes()))
    result = import_file(str(page), tmp_path / "out")
    b = read_bundle(result.folder)
    assert b.title and b.facts and b.countries
    assert "US" in {c.code for c in b.countries}
    assert "<" not in b.body.split("\n", 1)[0]


def test_import_from_stdin(tmp_path: Path) -> None:
    data = io.BytesIO("Britain pledged £45m to Kenya on Monday.".encode())
    result = import_file("-", tmp_path, bundle_id="pledge", stdin=data)
    assert {c.code for c in read_bundle(result.folder).countries} == {"GB", "KE"}


def test_existing_bundle_refused_unless_force(tmp_path: Path) -> None:
    import_file(str(SEED), tmp_path, bundle_id="seed")
    with pytest.raises(ImportFailure, match="use --force"):
        import_file(str(SEED), tmp_path, bundle_id="seed", title="Other")
    assert read_bundle(tmp_path / "seed").id == "seed"
    import_file(str(SEED), tmp_path, bundle_id="seed", title="Other", force=True)
    assert read_bundle(tmp_path / "seed").title == "Other"
    assert [p.name for p in tmp_path.iterdir()] == ["seed"]


def _bad(tmp_path: Path, name: str, data: bytes | None) -> Path:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b" \n\t\n", "the file is empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin1.txt", "Caf\xe9 in Paris costs €3".encode("latin-1", "replace"), "not UTF-8"),
        ("missing.txt", None, "no such file"),
    ],
)
def test_bad_input(tmp_path: Path, name: str, data: bytes | None, message: str,
                   capsys: pytest.CaptureFixture[str]) -> None:
    path = _bad(tmp_path, name, data)
    out = tmp_path / "out"
    with pytest.raises(CommandError) as err:
        run_cli(str(path), "--out", str(out))
    text = str(err.value)
    assert message in text and str(path) in text and "\n" not in text
    assert err.value.code != 0
    assert not out.exists() or not any(out.iterdir())
    assert capsys.readouterr().out == ""


def test_huge_input_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    with pytest.raises(ImportFailure, match=r"big.txt: 50.0 MB is over the 20 MB limit"):
        load_input(str(big))


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match="is a folder"):
        load_input(str(tmp_path))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--published", "26/11/2025"], "not an ISO date"),
        (["--id", "Bad Id"], "--id"),
        (["--url", "javascript:alert(1)"], "http"),
    ],
)
def test_bad_options(tmp_path: Path, argv: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run_cli(str(SEED), "--out", str(tmp_path), *argv)
    assert list(tmp_path.iterdir()) == []


def test_make_id() -> None:
    assert make_id("US to seek critical minerals deals!") == "us-to-seek-critical-minerals-deals"
    assert make_id("¿¿??") == "article"
    assert len(make_id("word " * 40)) <= 60
