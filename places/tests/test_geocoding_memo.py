"""places.geocoding.memo: answers kept for one unit of work (one article read by
ingest), and the normalisation caches that must hand out fresh lists."""

from places.geocoding import memo, normalize, phrases


def _counting():
    calls = []

    @memo.per_scope
    def double(value):
        calls.append(value)
        return value * 2

    return double, calls


def test_an_answer_is_computed_once_per_scope():
    double, calls = _counting()
    with memo.scope():
        assert [double(2), double(2), double(3)] == [4, 4, 6]
    assert calls == [2, 3]


def test_nothing_is_kept_between_scopes_nor_outside_one():
    double, calls = _counting()
    with memo.scope():
        double(2)
    with memo.scope():
        double(2)
    double(2)
    double(2)
    assert calls == [2, 2, 2, 2]


def test_a_nested_scope_shares_the_outer_one():
    double, calls = _counting()
    with memo.scope():
        double(2)
        with memo.scope():
            double(2)
        double(2)
    assert calls == [2]


def test_a_scoped_function_runs_in_a_scope_of_its_own():
    double, calls = _counting()

    @memo.scoped
    def read_article():
        return double(5) + double(5)

    assert read_article() == 20
    assert read_article() == 20
    assert calls == [5, 5]  # once per call of read_article, none kept after


def test_cached_normalisations_hand_out_fresh_lists():
    words = normalize.tokens("Tal al-Eis")
    words.append("changed")
    names, directions = normalize.split_query("northern Idlib")
    names.append("changed")
    directions.clear()
    keys = phrases.query_keys("Tal al-Eis")
    keys.append("changed")
    assert normalize.tokens("Tal al-Eis") == ["tal", "al", "eis"]
    assert normalize.split_query("northern Idlib") == (["idlib"], ["northern"])
    assert "changed" not in phrases.query_keys("Tal al-Eis")
