"""Characters that need care wherever text from the data or the command line goes."""

from __future__ import annotations

import re

# Lone surrogates: PyYAML makes one of "\ud800", and a command-line byte that was not UTF-8 arrives
# as one. No file, database or UTF-8 output can carry them.
SURROGATE = re.compile("[\ud800-\udfff]")

# Characters a terminal may obey instead of showing: C0 and C1 controls (ESC opens CSI colours, OSC 8
# links and OSC 52 clipboard writes; U+009B is a one-byte CSI) and the bidirectional marks, embeddings,
# overrides and isolates that reorder the text around them (U+202E). Tab and line feed are layout.
# Lone surrogates too.
UNSAFE_CHARACTERS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")
