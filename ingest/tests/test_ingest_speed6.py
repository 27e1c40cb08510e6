"""What the sixth speed pass (bench/README.md, "Ingest CPU, round 6") must not change:
a cue pattern's shortcut falls back to a full scan where the re package's private
parser is missing or reads otherwise, and each shortcut answers as the code it replaces."""

import importlib.util
import re

import pytest

from ingest import cues

GUARDED = r"\b(?:shelled|stormed)\s+(?:the\s+)?town\b"


def _fresh_cues():
    """A second copy of ingest/cues.py, imported now (as on a Python without it)."""
    spec = importlib.util.spec_from_file_location("cues_copy", cues.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cues_import_and_scan_everything_without_the_private_parser(monkeypatch):
    for name in ("_parser", "_compiler", "_constants"):
        monkeypatch.delattr(re, name)
        monkeypatch.setitem(__import__("sys").modules, f"re.{name}", None)
    copy = _fresh_cues()
    assert copy.guarded(GUARDED) == GUARDED  # as written: the same matches
    pattern = re.compile(GUARDED, re.I)
    assert copy.required_words(pattern) is None
    assert copy.may_match(pattern, copy.lowered("nothing of the kind"))


def test_a_parser_that_reads_otherwise_leaves_the_pattern_unguarded(monkeypatch):
    def fails(*args, **kwargs):
        raise AttributeError("a private API changed")

    pattern = re.compile(r"\bstormed\s+(?:it|the\s+base)")  # compiled before
    monkeypatch.setattr(cues.sre_parse, "parse", fails)
    assert cues.guarded(GUARDED) == GUARDED
    assert cues.required_words(pattern) is None


@pytest.mark.parametrize(
    "text",
    [
        "Rebels shelled the town at dawn",
        "nothing here",
        "Stormed  Town",
        "ſhelled town",
    ],
)
def test_the_guarded_pattern_finds_what_the_plain_one_finds(text):
    plain = re.compile(GUARDED, re.I)
    guarded = re.compile(cues.guarded(GUARDED), re.I)
    assert [m.span() for m in guarded.finditer(text)] == [
        m.span() for m in plain.finditer(text)
    ]
