"""The bench reads the corpus's parts: it selects a series within a split, loads each
country spelling list held out and copied from its series, and prints only the overall
numbers when asked. Split from ingest/tests/test_corpus.py."""

import pytest

from bench import ingestbench, ingestscore

INDEX = ingestbench.corpus_index()


def test_the_bench_selects_a_series_within_a_split():
    dev_f = ingestbench.select_ids(INDEX, "dev", series=["f"])
    assert dev_f
    assert all(i.startswith("F") for i in dev_f)
    assert dev_f == [
        r["id"]
        for r in INDEX
        if r["split"] == "dev" and ingestbench.series_of(r["id"]) == "F"
    ]
    everything = ingestbench.select_ids(INDEX, "heldout")
    assert everything == [r["id"] for r in INDEX if r["split"] == "heldout"]
    assert (
        ingestbench.select_ids(INDEX, "heldout", series=["A", "C"], only=["C02"]) == []
    )


@pytest.mark.parametrize(
    ("number", "letter", "at_least", "countries"),
    [
        (4, "M", 15, 5),
        (5, "O", 15, 5),
        (6, "W", 15, 5),
        (7, "V", 15, 5),
        (8, "D", 15, 5),
        (9, "AA", 15, 5),
        # list 10 (helper "ingfresh7"): series AD's held-out half only (Syria and three
        # neighbours).
        (10, "AD", 15, 4),
        # list 11 (helper "ingfresh8"): series AE's held-out half only (wars abroad).
        (11, "AE", 8, 5),
        # list 12 (helper "ingfresh9"): series AF's held-out half only (Syria, Iraq,
        # Lebanon, Turkey).
        (12, "AF", 15, 4),
        # list 14 (helper "ingfresh11"): series AH's held-out half only (Africa, Asia).
        (14, "AH", 8, 5),
        # list 13 (helper "ingfresh10"): series AG's held-out half only (Ukraine,
        # Russia, Lebanon, Gaza and the West Bank).
        (13, "AG", 15, 4),
        # list 15 (helper "ingfresh12"): series AI's held-out half only (Syria, Iraq).
        (15, "AI", 10, 2),
        # list 16 (helper "ingfresh13"): series AJ's held-out half only (the wars beyond
        # Syria, 2023-2026).
        (16, "AJ", 12, 5),
        # list 17 (helper "ingfresh14"): series AK's held-out half only (wars the corpus
        # had barely seen; mostly villages no file holds, so three spellings).
        (17, "AK", 3, 3),
        # list 18 (helper "ingfresh15"): series AL's held-out half only (Pakistan, Niger,
        # Chad, the West Bank; villages and towns with a cited point).
        (18, "AL", 11, 4),
    ],
)
def test_a_country_spelling_list_is_held_out_and_copied_from_its_series(
    tmp_path, number, letter, at_least, countries
):
    # places/data/spellings_news4.csv (issue 14, helper "ingfresh") and
    # spellings_news5.csv (helper "ingfresh2"), spellings_news6.csv (helper
    # "ingfresh3"), spellings_news7.csv (helper "ingfresh4"), spellings_news8.csv
    # (helper "ingfresh5") and spellings_news9.csv (helper "ingfresh6"): spellings as
    # written in the series M, O, W, V, D and AA reports,
    # every row held out; bench/geocodecases.py loads them.
    from bench import geocodecases

    cases = geocodecases.country_list_cases(getattr(geocodecases, f"NEWS{number}"))
    texts = {
        r["url"]: ingestbench.load_article(r["id"])["text"]
        for r in INDEX
        if ingestbench.series_of(r["id"]) == letter and r["split"] == "heldout"
    }
    assert len(cases) >= at_least
    assert len({c["country"] for c in cases}) >= countries
    for case in cases:
        assert case["query"] in texts[case["article"]], case["query"]
    listed = getattr(geocodecases, f"NEWS{number}").read_text("utf-8")
    dev_row = listed.replace(",heldout\n", ",dev\n", 1)
    (tmp_path / "list.csv").write_text(dev_row, "utf-8")
    with pytest.raises(ValueError, match="every row is held out"):
        geocodecases.country_list_cases(tmp_path / "list.csv")


def test_the_bench_can_print_only_the_overall_numbers(capsys):
    # --overall-only (series M is measured alone without its per-article lines).
    results = {
        "M98-x": ingestscore.Score(labels=2, proposals=1, matched=1, seconds=[0.01]),
        "M99-y": ingestscore.Score(labels=1, proposals=2, matched=1, seconds=[0.02]),
    }
    summary = ingestbench.report("heldout", results, verbose=True, overall_only=True)
    printed = capsys.readouterr().out
    assert "OVERALL" in printed
    assert "M98" not in printed
    assert "M99" not in printed
    assert summary["events"] == 3
    assert summary["event_recall"] == 2 / 3
