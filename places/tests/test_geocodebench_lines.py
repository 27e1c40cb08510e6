"""bench/geocodebench.py's per-type lines: a held-out list never tells single rows."""

from bench import geocodebench


def _cases(kinds: dict[str, int]) -> list[dict]:
    return [
        {"query": f"{kind} {i}", "type": kind, "lat": 35.0, "lon": 36.0, "tolerance": 5}
        for kind, n in kinds.items()
        for i in range(n)
    ]


def _type_lines(title: str, capsys) -> dict[str, str]:
    cases = _cases({"city": 19, "region": 2, "village": 1})
    geocodebench.evaluate(title, cases, None, verbose=False, results=[None] * 22)
    lines = capsys.readouterr().out.splitlines()[1:]
    return {line.split()[0]: line for line in lines}


def test_a_held_out_list_pools_its_types_of_few_rows(capsys):
    lines = _type_lines("news list 9, HELD OUT", capsys)
    assert set(lines) == {"city", "other"}
    assert lines["other"].split()[1] == "3:"


def test_a_dev_list_prints_every_type(capsys):
    assert set(_type_lines("news list 9, dev", capsys)) == {"city", "region", "village"}
