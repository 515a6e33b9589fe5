"""How names are compared: case, accents, width and Unicode form do not matter."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """`Ｄｅｅｐ Seek`, `deepseek` and `DEEPSEEK` compare equal; accents and NFC/NFD forms fold away."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", stripped).casefold()).strip()


def squash(text: str) -> str:
    """The normalized name without spaces or punctuation: `Z.ai` -> `zai`, `DeepSeek R1` -> `deepseekr1`."""
    return _NOT_WORD.sub("", normalize(text))
