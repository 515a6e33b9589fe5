"""How names are compared: case, accents, width and Unicode form do not matter."""

from __future__ import annotations

import functools
import re
import unicodedata

from aiwatch.characters import SURROGATE

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """`Ｄｅｅｐ Seek`, `deepseek` and `DEEPSEEK` compare equal; accents and NFC/NFD forms fold away.
    An undecodable byte becomes U+FFFD, as in a decoder's replacement: it matches no name."""
    if text.isascii():  # most text: nothing to decompose or fold but case (and many times faster)
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", SURROGATE.sub("\ufffd", text))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", stripped).casefold()).strip()


def squash(text: str) -> str:
    """The normalized name without spaces or punctuation: `Z.ai` -> `zai`, `DeepSeek R1` -> `deepseekr1`."""
    return _NOT_WORD.sub("", normalize(text))




@functools.cache
def _cjk_run() -> re.Pattern:
    """A run of CJK characters, captured; compiled on first use (a millisecond a lookup does not need)."""
    return re.compile("([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+)")


def _ngrams(run: str) -> list[str]:
    return [run[index:index + 2] for index in range(len(run) - 1)] or [run]


def index_text(text: str) -> str:
    """Text as the full-text index stores it: normalized, each CJK run as its bigrams and characters.

    SQLite's word tokenizer does not segment Chinese, so `深度求索` is stored as `深度 度求 求索 深 度 求 索`:
    a search for any two adjacent characters, or one, then finds it.
    """
    normalized = normalize(text)
    if normalized.isascii():
        return normalized
    return _cjk_run().sub(lambda run: " " + " ".join(_ngrams(run.group()) + list(run.group())) + " ", normalized)


def query_terms(text: str) -> list[str]:
    """The terms of a typed query, CJK runs split into bigrams, as the index stores them."""
    terms = []
    for word in normalize(text).split():
        for piece in [word] if word.isascii() else _cjk_run().split(word):
            if not piece.isascii() and _cjk_run().fullmatch(piece):
                terms += _ngrams(piece)
            elif piece := _NOT_WORD.sub(" ", piece).strip():
                terms += piece.split()
    return terms
