"""PackedBytes: byte strings end to end in one buffer (the shared index's titles)."""

import numpy as np

from events.indexfile import PackedBytes


def packed(items: list[bytes], lead: bytes = b"") -> PackedBytes:
    offsets = np.r_[0, np.cumsum([len(i) for i in items])].astype(np.int64)
    return PackedBytes(lead + b"".join(items), offsets, len(lead))


def test_items_and_slices_are_the_strings_put_in():
    items = [b'"a"', b"", b'"\\u00e9t\\u00e9"', b'"x"']
    found = packed(items, lead=b"HEADER")
    assert list(found) == items
    assert found[-1] == b'"x"'
    assert found[1:3] == items[1:3]
    assert found.take(np.array([3, 0, 3])) == [b'"x"', b'"a"', b'"x"']


def test_nbytes_counts_the_items_and_their_offsets_without_reading_them():
    items = [b"x" * n for n in (5, 0, 17, 3)]
    found = packed(items, lead=b"not counted")
    assert found.nbytes == 25 + 5 * 8
    assert packed([]).nbytes == 8
