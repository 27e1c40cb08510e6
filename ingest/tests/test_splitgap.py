"""bench/splitgap.py: the series split between dev and held-out, and their rates."""

from bench import splitgap


def test_only_series_with_reports_in_both_parts_are_compared():
    index = [
        {"id": "C01-a-2019-01-01", "split": "dev"},
        {"id": "C02-a-2019-01-01", "split": "heldout"},
        {"id": "D01-a-2019-01-01", "split": "heldout"},
        {"id": "E01-a-2019-01-01", "split": "dev"},
        {"id": "AD01-a-2019-01-01", "split": "dev"},
        {"id": "AD02-a-2019-01-01", "split": "heldout"},
        {"id": "F01-a-2019-01-01", "split": "dev"},
        {"id": "F02-a-2019-01-01", "split": "heldout"},
    ]
    assert splitgap.split_series(index) == ["C", "F", "AD"]


def test_rates_and_the_pooled_total():
    one = splitgap.ib.Score(labels=4, proposals=5, matched=2, dated=2, dates_right=1)
    two = splitgap.ib.Score(labels=6, proposals=5, matched=3, resolved=10, wrong=1)
    pooled = splitgap.total([one, two])
    got = splitgap.rates(pooled)
    assert (got["recall"], got["prec"]) == (50.0, 50.0)
    assert (got["wrong"], got["dates"]) == (10.0, 50.0)
    assert got["places"] is None  # nothing named: no rate, not zero
