"""Plain text from pasted articles: HTML stripped, paragraphs and sentences split."""

import html
import re
from dataclasses import dataclass

from ingest.when import dates

MAX_CHARS = 100_000  # a long news article is ~20k characters
# The longest sentence of the labelled corpus (350 reports) has 1,301 characters. A
# longer run without a full stop (a pasted list, a table, text without punctuation) is
# read in pieces of at most this many characters, cut at a clause boundary: the rules
# read a sentence as a whole, and their cost grows faster than its length.
MAX_SENTENCE = 2_000
_CLAUSE_CUTS = ("; ", ", and ", ", ", " and ", " ")

_SCRIPT = re.compile(
    r"<(script|style|noscript|template|iframe)\b.*?(?:</\1\s*>|\Z)", re.I | re.S
)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_BLOCK = re.compile(
    r"</?(?:p|div|br|h[1-6]|li|ul|ol|tr|blockquote|section)\b[^>]*>", re.I
)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0]+")

# Titles and initials that end with a dot but do not end a sentence.
ABBREVIATIONS = frozenset(
    [
        "capt",
        "col",
        "gen",
        "lt",
        "maj",
        "sgt",
        "cpl",
        "pvt",
        "adm",
        "brig",
        "cmdr",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "rev",
        "st",
        "sen",
        "rep",
        "gov",
        "pres",
        "no",
        "nos",
        "vs",
        "etc",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "est",
        "approx",
        "fig",
        *dates.MONTH_ABBREVIATIONS,
        "u.s",
        "u.n",
        "e.g",
        "i.e",
    ]
)
_QUOTES = '"“”'
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


class ArticleTextError(ValueError):
    """The text cannot be read as an article (empty, too long, markup only)."""


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    paragraph: int
    text: str


def clean_text(raw: str, *, max_chars: int = MAX_CHARS) -> tuple[str, list[str]]:
    """Plain text and warnings; raises ArticleTextError for text that cannot be used."""
    warnings: list[str] = []
    if raw is None or not raw.strip():
        raise ArticleTextError("The article text is empty.")
    if len(raw) > max_chars:
        raise ArticleTextError(
            f"The article text is too long ({len(raw):,} characters; the limit is "
            f"{max_chars:,}). Paste one article at a time."
        )
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if _TAG.search(text) or _COMMENT.search(text):
        text = _SCRIPT.sub(" ", text)
        text = _COMMENT.sub(" ", text)
        text = _BLOCK.sub("\n\n", text)
        text = _TAG.sub(" ", text)
        warnings.append("HTML markup was removed; check the text of each quote.")
    text = html.unescape(text)
    text = _CONTROL.sub(" ", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not re.search(r"[A-Za-z\u0600-\u06ff]{2}", text):
        raise ArticleTextError("The article text has no words in it.")
    return text, warnings


def _is_boilerplate(line: str) -> bool:
    """Headlines, bylines and share buttons: short lines without final punctuation."""
    stripped = line.strip()
    if not stripped:
        return True
    if stripped[-1] in '.!?"”’)':
        return False
    return len(stripped.split()) < 15


_WRAPPED = re.compile(r"(?<![.!?\"”’:])\n(?=[a-z(\"“])")


def _fixed_width(block: str) -> bool:
    """Copy hard-wrapped at a fixed width: three or more lines, most of a wrapped
    line's length (40-80 characters) and none longer; a line break before a capital
    is then no paragraph end either, unless the line ends a sentence."""
    lengths = [len(line) for line in block.split("\n")]
    wrapped = [n for n in lengths if 40 <= n <= 80]
    return len(lengths) >= 3 and max(lengths) <= 80 and 2 * len(wrapped) > len(lengths)


def _unwrap(block: str) -> str:
    """Lines of a wrapped line's length that end no sentence go on in the next."""
    lines = block.split("\n")
    joined = [lines[0]]
    for previous, line in zip(lines, lines[1:], strict=False):
        if len(previous) >= 40 and previous.rstrip()[-1:] not in '.!?"”’:':
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return "\n".join(joined)


def paragraphs(text: str) -> list[str]:
    """Paragraphs of body text (one per line or blank-line block), boilerplate dropped.

    Wire copy wrapped at a fixed width ("Syrian rebels\ncaptured two villages") is
    joined back: a line break inside a sentence is followed by a lower-case word."""
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        if _fixed_width(block):  # "… Jarablus Military\nCouncil fighters …"
            block = _unwrap(block)
        block = _WRAPPED.sub(" ", block)
        for line in block.split("\n"):
            if not _is_boilerplate(line):
                blocks.append(line.strip())
    return blocks


def _ends_with_abbreviation(tail: str) -> bool:
    match = re.search(r"(\S+)\.$", tail.rstrip('"”’)'))
    if not match:
        return False
    word = match.group(1).lower().lstrip('("“')
    if word in ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isalpha()  # an initial: "George W. Bush"


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph; never splits inside a quotation or after "Capt."."""
    sentences: list[str] = []
    start = scanned = straight = curly = 0
    for match in _BOUNDARY.finditer(paragraph):
        # Counted incrementally: long paragraphs stay linear.
        segment = paragraph[scanned : match.end()]
        straight += segment.count('"')
        curly += segment.count("“") - segment.count("”")
        scanned = match.end()
        tail = paragraph[max(start, match.start() - 40) : match.start()]
        if not tail.strip() or _ends_with_abbreviation(tail):
            continue
        if straight % 2 == 1 or curly > 0:
            continue
        sentences.append(paragraph[start : match.end()].strip())
        start = match.end()
        straight = curly = 0
    rest = paragraph[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _pieces(sentence: str, limit: int = MAX_SENTENCE) -> list[str]:
    """``sentence`` cut into pieces of at most ``limit`` characters, each cut at the
    last clause boundary before the limit (a semicolon before a comma before a space)."""
    pieces: list[str] = []
    while len(sentence) > limit:
        window = sentence[: limit + 1]
        cut = next(
            (window.rfind(c) + 1 for c in _CLAUSE_CUTS if window.rfind(c) > limit // 2),
            limit,
        )
        pieces.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    return [*pieces, sentence] if sentence else pieces


def article_sentences(text: str) -> list[Sentence]:
    result: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs(text)):
        for sentence in split_sentences(paragraph):
            for piece in _pieces(sentence):
                result.append(Sentence(len(result), number, piece))
    return result
