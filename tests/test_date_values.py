"""Date and period values in bundles: the forms, their round trip, their validation, the
import of an undated article, and the TempEval-3 score of the extractor."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT, SEED_BUNDLE, shared_data

from briefing_tui.bundle.reader import read_bundle
from briefing_tui.bundle.writer import write_bundle
from briefing_tui.cli import main
from briefing_tui.extract.importer import import_file
from briefing_tui.model import Fact, Value, date_bounds

NEW_FORMS = ["2013-W32", "2025-Q3", "2025-H1", "2025-SU", "2024-WI", "2020s", "2025-Q3/2025-11",
             "1990s/2000s"]


@pytest.mark.parametrize("text", NEW_FORMS)
def test_new_date_forms_parse_and_print_back(text: str) -> None:
    assert Value.parse(text).to_text() == text


def test_new_date_forms_round_trip_through_the_bundle(tmp_path: Path) -> None:
    seed = read_bundle(SEED_BUNDLE)
    source = seed.facts[0].source
    facts = tuple(
        Fact(id=f"d{i}", kind="date", statement="A date.", source=source, value=Value.parse(t))
        for i, t in enumerate(NEW_FORMS)
    )
    briefing = replace(seed, facts=seed.facts + facts)
    write_bundle(briefing, tmp_path / "b")
    back = read_bundle(tmp_path / "b")
    assert back == briefing
    assert [f.value.to_text() for f in back.facts[-len(NEW_FORMS):] if f.value] == NEW_FORMS


def test_date_bounds() -> None:
    assert [d.isoformat() for d in date_bounds("2013-W32")] == ["2013-08-05", "2013-08-11"]
    assert [d.isoformat() for d in date_bounds("2024-WI")] == ["2024-12-01", "2025-02-28"]
    assert [d.isoformat() for d in date_bounds("2020s")] == ["2020-01-01", "2029-12-31"]
    assert [d.isoformat() for d in date_bounds("2024-Q1")] == ["2024-01-01", "2024-03-31"]


def test_display_of_new_forms() -> None:
    assert Value.parse("2025-Q3").display() == "Q3 2025"
    assert Value.parse("2013-W32").display() == "week 32 of 2013"
    assert Value.parse("2025-SU").display() == "summer 2025"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2025-13-01/0000", "not a real date"),
        ("2025-01-01/2025-02-30", "not a real date"),
        ("2025/2024", "before the start"),
        ("2025-06/2025-05-31", "before the start"),
        ("2025-Q5", "no Q5"),
        ("2025-W54", "not a real date"),
    ],
)
def test_briefing_check_refuses_bad_periods(
    value: str, reason: str, seed_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = seed_copy / "facts.md"
    text = facts.read_text("utf-8")
    assert "- value: 2025-12\n" in text
    facts.write_text(text.replace("- value: 2025-12\n", f"- value: {value}\n", 1), "utf-8")
    line = text.split("\n").index("- value: 2025-12") + 1
    assert main(["check", str(seed_copy)]) == 1
    out = capsys.readouterr()
    report = out.out + out.err
    assert f"facts.md:{line}:" in report
    assert reason in report


def test_briefing_check_accepts_a_good_period(seed_copy: Path) -> None:
    facts = seed_copy / "facts.md"
    facts.write_text(facts.read_text("utf-8").replace("- value: 2025-12\n",
                                                      "- value: 2025-Q3/2025-12\n", 1), "utf-8")
    assert main(["check", str(seed_copy)]) == 0


def test_import_without_published_date_leaves_relative_dates_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Ministers met on Friday in Paris.\n\nIn August the summit agreed a "
                       "2009 plan, and talks resume next year.\n", "utf-8")
    result = import_file(str(article), tmp_path / "out")
    values = [f.value.to_text() for f in result.briefing.facts if f.value]
    assert values == ["2009"]  # nothing read against today's date
    assert result.unresolved_dates == ("on Friday", "In August", "next year")
    main(["import", str(article), "--out", str(tmp_path / "out2")])
    out = capsys.readouterr().out
    assert "dates left out: 3" in out and "--published" in out
    dated = import_file(str(article), tmp_path / "out3", published="2026-03-10")
    assert dated.unresolved_dates == ()
    assert [f.value.to_text() for f in dated.briefing.facts if f.value] == [
        "2026-03-06", "2025-08", "2009", "2027"]


def _bench():  # bench/ is not a package: load the scorer from its file
    spec = importlib.util.spec_from_file_location("dates_bench", ROOT / "bench" / "dates_bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["dates_bench"] = module
    spec.loader.exec_module(module)
    return module


def test_bench_scorer_on_own_timeml(tmp_path: Path) -> None:
    bench = _bench()
    tml = tmp_path / "TimeBank" / "x.tml"
    tml.parent.mkdir()
    tml.write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2026-03-11" '
        'functionInDocument="CREATION_TIME">20260311</TIMEX3></DCT><TEXT>'
        'The minister said <TIMEX3 tid="t1" type="DATE" value="2026-03-10">Tuesday</TIMEX3> '
        'that talks in <TIMEX3 tid="t2" type="DATE" value="2025-Q3">the third quarter</TIMEX3> '
        'of <TIMEX3 tid="t3" type="DATE" value="2025">last year</TIMEX3> failed '
        '<TIMEX3 tid="t4" type="DATE" value="PAST_REF">recently</TIMEX3>.</TEXT></TimeML>',
        "utf-8",
    )
    article = bench.read_tml(tml)
    assert article.published == "2026-03-11"
    assert article.gold == ("2026-03-10", "2025-Q3", "2025")
    assert "<" not in article.body
    p, r, f1, n_gold, _ = bench.score([article])
    assert n_gold == 3 and r == 1.0 and p == 1.0
    assert bench.matches(("2025-08-14",), "2025-Q3")
    assert bench.matches(("1990s",), "199")
    assert not bench.matches(("2025",), "2025-Q3")


def test_tempeval_date_f1() -> None:
    shared_data("tempeval3-train", "TimeBank")
    bench = _bench()
    articles = [bench.read_tml(p) for p in bench.files()]
    assert len(articles) == 256
    p, r, f1, _, _ = bench.score(articles)
    assert f1 >= 0.83, (p, r, f1)  # measured 0.86 (P 0.85, R 0.87)
