"""Search every kind of record and rank the hits: exact names, then the topic's cover, then text, then typos.

Tiers, best first (a hit keeps its best tier):
- exact: the query is an id, name, alias or native name;
- topic: the query names a topic, and the hit is filed under it (or was hit by an event filed under it);
- text: every word of the query is in the record (SQLite FTS5, bm25 with names weighted over tags over
  text), a word of three letters or more also matching as a prefix, so that `expor` finds `export`;
- any word: some words of the query are in the record, for a half-remembered phrase;
- fuzzy: a name is a near miss of the query (rapidfuzz), for typos such as `huwei`.
Within a tier sources come after other records, then higher scores first; ties break on kind, then
name, then id, so that the order never depends on the index build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aiwatch.names import normalize, query_terms
from aiwatch.query import Entity, KnowledgeBase

OR_FALLBACK_BELOW = 5  # fewer full matches than this: also rank records with only some of the words
TIER_SCORES = {"exact": 1000.0, "topic": 500.0, "text": 100.0, "any word": 50.0, "fuzzy": 0.0}
KIND_ORDER = ["topic", "organization", "person", "product", "place", "cohort", "event", "quote", "source"]
# bm25 weights of the search table's columns: id, kind (not searched), names, tags, body
WEIGHTS = "0.0, 0.0, 10.0, 4.0, 1.0"
SNIPPET_FIELDS = ("summary", "text", "gloss", "context", "caveat", "title", "note")
FIELD_NAMES = ("name", "title", "native_name", "aliases", "tags") + SNIPPET_FIELDS
_PHRASE = re.compile(r'"([^"]*)"')


class EmptyQuery(ValueError):
    """The query has no word to search for."""


@dataclass
class Hit:
    id: str
    kind: str
    name: str
    date: str | None
    score: float
    tier: str
    matched: list[str] = field(default_factory=list)
    snippet: str = ""
    highlights: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]
    total: int
    suggestions: list[dict] = field(default_factory=list)


def parse(query: str) -> tuple[list[list[str]], list[str]]:
    """Phrases (in double quotes) and loose words, each as index terms."""
    phrases = [query_terms(text) for text in _PHRASE.findall(query)]
    words = query_terms(_PHRASE.sub(" ", query))
    return [phrase for phrase in phrases if phrase], words


def fts_expression(phrases: list[list[str]], words: list[str], joiner: str) -> str:
    def word(term: str) -> str:
        prefix = "*" if len(term) >= 3 and term.isascii() else ""
        return f'"{term}"{prefix}'

    parts = [f'"{" ".join(phrase)}"' for phrase in phrases] + [word(term) for term in words]
    return f" {joiner} ".join(parts)


def search(kb: KnowledgeBase, query: str, kinds: tuple[str, ...] = (), limit: int = 20) -> SearchResult:
    phrases, words = parse(query)
    if not phrases and not words:
        raise EmptyQuery(query)
    scores: dict[str, tuple[float, str]] = {}

    def score(entity_id: str, value: float, tier: str) -> None:
        if entity_id not in scores or scores[entity_id][0] < value:
            scores[entity_id] = (value, tier)

    exact = kb.resolve(query)
    for entity in exact.matches:
        score(entity.id, TIER_SCORES["exact"], "exact")
    cap = max(limit * 10, 200)
    text_scores = _full_text(kb, fts_expression(phrases, words, "AND"), cap)
    for entity_id, relevance in text_scores.items():
        score(entity_id, TIER_SCORES["text"] + relevance, "text")
    for topic in (entity.id for entity in exact.matches if entity.kind == "topic"):
        for entity_id in _filed_under(kb, topic):
            score(entity_id, TIER_SCORES["topic"] + text_scores.get(entity_id, 0.0), "topic")
    if len(phrases) + len(words) > 1 and len(text_scores) < OR_FALLBACK_BELOW:
        for entity_id, relevance in _full_text(kb, fts_expression(phrases, words, "OR"), cap).items():
            score(entity_id, TIER_SCORES["any word"] + relevance / 2, "any word")
    entities = kb.get_many(list(scores))
    # near misses rank last, so they are only looked for when the better tiers leave room
    if sum(1 for entity in entities.values() if not kinds or entity.kind in kinds) < limit:
        for entity_id, similarity in _fuzzy(kb, query).items():
            score(entity_id, TIER_SCORES["fuzzy"] + similarity / 10, "fuzzy")
        entities = kb.get_many(list(scores))
    tiers = list(TIER_SCORES)
    # within a tier, sources come after the entities they document
    ranked = sorted((entity for entity in entities.values() if not kinds or entity.kind in kinds),
                    key=lambda entity: (tiers.index(scores[entity.id][1]), entity.kind == "source",
                                        -scores[entity.id][0], KIND_ORDER.index(entity.kind),
                                        entity.name.casefold(), entity.id))
    terms = [term for phrase in phrases for term in phrase] + words
    pattern = _pattern(terms)
    hits = [_hit(entity, *scores[entity.id], pattern) for entity in ranked[:limit]]
    suggestions = [] if hits else [{"id": entity.id, "kind": entity.kind, "name": entity.name}
                                   for entity in kb.suggest(query, kinds, limit=3)]
    return SearchResult(query, hits, len(ranked), suggestions)


def _full_text(kb: KnowledgeBase, expression: str, cap: int) -> dict[str, float]:
    """The `cap` best matches: ranking all matches of a common word would only load records not shown."""
    rows = kb.db.execute(f"SELECT id, bm25(search, {WEIGHTS}) AS rank FROM search WHERE search MATCH ? "
                         "ORDER BY rank LIMIT ?", (expression, cap))
    return {entity_id: round(-rank, 4) for entity_id, rank in rows}


def _filed_under(kb: KnowledgeBase, topic: str) -> set[str]:
    """What is filed under a topic, and the entities that its events hit ("the firms affected")."""
    rows = kb.db.execute(
        "SELECT subject FROM edges WHERE type = 'about' AND object = ? "
        "UNION SELECT p.subject FROM edges p JOIN edges a ON a.subject = p.object "
        "WHERE a.type = 'about' AND a.object = ? AND p.type = 'took_part_in' AND p.detail = 'affected'",
        (topic, topic))
    return {entity_id for (entity_id,) in rows}


def _fuzzy(kb: KnowledgeBase, query: str) -> dict[str, float]:
    from rapidfuzz import fuzz, process

    rows = kb.db.execute("SELECT key, id FROM names WHERE field != 'id'").fetchall()
    found: dict[str, float] = {}
    for _key, similarity, index in process.extract(normalize(query), [key for key, _ in rows], scorer=fuzz.ratio,
                                                   limit=10, score_cutoff=80):
        entity_id = rows[index][1]
        found[entity_id] = max(found.get(entity_id, 0.0), round(similarity, 2))
    return found


def _texts(entity: Entity) -> list[tuple[str, str]]:
    fields = entity.fields
    texts = [("name", entity.name)]
    for name in FIELD_NAMES[1:]:
        value = fields.get(name)
        if isinstance(value, str):
            texts.append((name, value))
        elif isinstance(value, list):
            texts += [(name, item) for item in value]
    return texts


def _pattern(terms: list[str]) -> re.Pattern | None:
    if not terms:
        return None
    parts = [re.escape(term) + (r"\w*" if term.isascii() else "") for term in sorted(set(terms), key=len,
                                                                                      reverse=True)]
    return re.compile("|".join(parts), re.IGNORECASE)


def _hit(entity: Entity, score: float, tier: str, pattern: re.Pattern | None) -> Hit:
    """The hit with the fields its words were found in, and a snippet around the first of them."""
    texts = _texts(entity)
    matched = list(dict.fromkeys(name for name, text in texts if pattern and pattern.search(normalize(text))))
    if tier in ("topic", "exact") and not matched:
        matched = ["topics" if tier == "topic" else "name"]
    if tier == "fuzzy":
        matched = ["name (near miss)"]
    around = next((text for name, text in texts if name in SNIPPET_FIELDS and pattern and pattern.search(text)),
                  None)
    if around is None:
        around = next((text for name, text in texts if name in ("summary", "text", "title")), "")
    snippet, highlights = _snippet(around, pattern)
    return Hit(entity.id, entity.kind, entity.name, entity.date, round(score, 3), tier, matched, snippet,
               highlights)


def _snippet(text: str, pattern: re.Pattern | None, width: int = 160) -> tuple[str, list[tuple[int, int]]]:
    found = pattern.search(text) if pattern else None
    start = 0
    if found and found.start() > width // 3:
        start = text.rfind(" ", 0, found.start() - width // 3) + 1
    window = text[start:start + width]
    if start + width < len(text):
        window = window[: window.rfind(" ")] + " …" if " " in window else window + "…"
    if start:
        window = "… " + window
    highlights = [match.span() for match in pattern.finditer(window)] if pattern else []
    return window, highlights
