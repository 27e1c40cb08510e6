"""The kept cluster answers (maps.clusters.live_index.Answers): bounded in bytes by
settings.MAP_KEPT_ANSWERS_MB, and answers asked again kept ahead of answers asked once
(issue 16: with readers panning, views asked once pushed out the URLs readers asked
again; bench/README.md "Kept answers")."""

import orjson

from maps.clusters import live_index

ETAG = '"etag"'


def size(key: str, body: bytes) -> int:
    return live_index.Answers.ENTRY_BYTES + len(key) + len(ETAG) + len(body)


def test_the_bound_is_the_setting_in_bytes_counting_each_entry(settings):
    settings.MAP_KEPT_ANSWERS_MB = 0.01  # 10,485 bytes
    answers = live_index.Answers()
    body = b"x" * 200
    for i in range(200):
        answers.put(f"zoom={i}", ETAG, body)
        assert answers.nbytes <= 10_485
    each = size("zoom=100", body)
    assert len(answers) == 10_485 // each  # full: no room for one more
    assert answers.nbytes == len(answers) * each


def test_a_large_answer_is_not_kept(settings):
    settings.MAP_KEPT_ANSWERS_MB = 0.01
    answers = live_index.Answers()
    answers.put("zoom=big", ETAG, b"x" * (10_485 // 16))  # would push out many
    assert answers.get("zoom=big") is None
    assert len(answers) == 0


def test_answers_asked_once_push_out_answers_asked_once_first():
    answers = live_index.Answers(max_bytes=20 * size("zoom=00", b"x" * 80))
    for i in range(10):
        answers.put(f"zoom={i:02}", ETAG, b"x" * 80)
    for i in range(10):  # readers ask these again
        assert answers.get(f"zoom={i:02}") == (ETAG, b"x" * 80)
    for i in range(10, 100):  # views asked once (new views, a reader's own pans)
        answers.put(f"zoom={i:02}", ETAG, b"x" * 80)
        assert answers.nbytes <= answers.max_bytes
    # Still kept: under a plain LRU the 90 new ones pushed out all ten.
    assert all(answers.get(f"zoom={i:02}") for i in range(10))
    assert answers.get("zoom=99") == (ETAG, b"x" * 80)  # the newest too
    assert answers.get("zoom=10") is None  # the oldest asked once went first


def test_answers_asked_again_are_protected_up_to_their_share():
    each = size("zoom=00", b"x" * 80)
    answers = live_index.Answers(max_bytes=20 * each)
    for i in range(40):  # each asked twice: all protected, past their share
        answers.put(f"zoom={i:02}", ETAG, b"x" * 80)
        answers.get(f"zoom={i:02}")
        assert answers.nbytes <= answers.max_bytes
    assert len(answers) == 20
    assert not any(answers.get(f"zoom={i:02}") for i in range(20))  # oldest out
    answers.put("zoom=new", ETAG, b"x" * 80)  # a new view still finds room
    assert answers.get("zoom=new") == (ETAG, b"x" * 80)


def test_a_look_is_not_a_request():
    answers = live_index.Answers(max_bytes=20 * size("zoom=00", b"x" * 80))
    for i in range(20):
        answers.put(f"zoom={i:02}", ETAG, b"x" * 80)
    assert "zoom=00" in answers  # not protected by the look
    answers.put("zoom=20", ETAG, b"x" * 80)
    assert "zoom=00" not in answers
    assert "zoom=20" in answers


def test_kept_answers_hold_their_bytes_not_the_encoders_buffers():
    """orjson leaves a ~4 KB buffer behind each small result: 4 MB of small kept
    answers (counted by length) held ~20x that. A kept answer costs its length."""
    import tracemalloc

    answers = live_index.Answers(max_bytes=2**20)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(500):  # encoded as the cluster view encodes its answers
            body = orjson.dumps({"type": "FeatureCollection", "n": i})
            answers.put(f"zoom={i}", f'"{i}"', body)
        del body  # what stays is what the answers hold
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(answers) == 500
    expected = orjson.dumps({"type": "FeatureCollection", "n": 7})
    assert answers.get("zoom=7") == ('"7"', expected)
    assert held < 500 * 400, held
