"""Cross-reference: an entity's neighbourhood, the shortest connections between two, side-by-side
comparisons, and sub-graphs for export.

Links are read from the index's one edge table, so relations, roles, participations, memberships and
headquarters are all walkable. Two kinds of node are shown but never walked through, because they join
nearly everything and would make every connection trivial: topics (themes, not facts) and places that
are countries or regions ("both are in China" explains nothing).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from aiwatch.dates import PartialDate, is_active, sort_key
from aiwatch.pages import Citations, SourceNote
from aiwatch.query import Entity, KnowledgeBase
from aiwatch.vocabulary import RELATIONS

DEFAULT_EXCLUDED = frozenset({"about"})  # topics are themes, not links; ask for them with --rel about
HUB_PLACE_TYPES = ("country", "region")


@dataclass(frozen=True)
class Edge:
    subject: str
    type: str
    object: str
    since: str | None
    until: str | None
    source: str | None
    detail: str | None
    note: str | None

    def other(self, node: str) -> str:
        return self.object if node == self.subject else self.subject

    def label_from(self, node: str) -> str:
        relation = RELATIONS[self.type]
        return relation.label if node == self.subject else relation.reverse


@dataclass
class Node:
    id: str
    kind: str
    name: str
    type: str | None = None


DATED_BY_TARGET = ("took_part_in", "said")  # the edge's date is the event's or the quote's own


@dataclass
class Branch:
    label: str
    node: Node
    since: str | None = None
    until: str | None = None
    detail: str | None = None
    date: str | None = None
    sources: list[int] = field(default_factory=list)
    children: list[Branch] = field(default_factory=list)


@dataclass
class Related:
    root: Node
    branches: list[Branch]
    sources: list[SourceNote]
    depth: int
    as_of: str | None


@dataclass
class Hop:
    start: Node
    end: Node
    label: str
    forward: bool
    since: str | None
    until: str | None
    detail: str | None
    sources: list[int]
    date: str | None = None


@dataclass
class Paths:
    start: Node
    end: Node
    max_hops: int
    paths: list[list[Hop]]
    sources: list[SourceNote]


@dataclass
class Selection:
    """What to walk: relation types (None: all but the default exclusions), kinds, a date."""

    types: frozenset[str] | None = None
    kinds: frozenset[str] | None = None
    as_of: PartialDate | None = None

    def allows(self, edge: Edge) -> bool:
        if self.types is not None:
            if edge.type not in self.types:
                return False
        elif edge.type in DEFAULT_EXCLUDED:
            return False
        return not self.as_of or is_active(edge.since, edge.until, self.as_of)


def _node(entity: Entity) -> Node:
    return Node(entity.id, entity.kind, entity.name, entity.type)


def is_hub(node: Node) -> bool:
    return node.kind in ("topic", "source") or (node.kind == "place" and node.type in HUB_PLACE_TYPES)


class Walker:
    """Reads edges level by level (one query per level) and caches the nodes it meets."""

    def __init__(self, kb: KnowledgeBase, selection: Selection) -> None:
        self.kb, self.selection = kb, selection
        self.nodes: dict[str, Node] = {}

    def node(self, entity_id: str) -> Node:
        return self.nodes[entity_id]

    def edges_at(self, ids: list[str]) -> dict[str, list[Edge]]:
        edges = [Edge(*row) for row in self.kb.edges_touching(ids)] if ids else []
        edges = [edge for edge in edges if self.selection.allows(edge)]
        missing = {end for edge in edges for end in (edge.subject, edge.object)} - set(self.nodes)
        self.nodes.update({entity_id: _node(entity) for entity_id, entity in self.kb.get_many(list(missing)).items()})
        found: dict[str, list[Edge]] = {entity_id: [] for entity_id in ids}
        for edge in edges:
            for end in (edge.subject, edge.object):
                if end in found:
                    found[end].append(edge)
        return found

    def passable(self, entity_id: str) -> bool:
        node = self.nodes[entity_id]
        kinds = self.selection.kinds
        return not is_hub(node) and (kinds is None or node.kind in kinds)

    def shown(self, entity_id: str) -> bool:
        kinds = self.selection.kinds
        return kinds is None or self.nodes[entity_id].kind in kinds


def related(kb: KnowledgeBase, root: Entity, depth: int, selection: Selection) -> Related:
    """The entity's neighbours to `depth` hops as a tree; each entity opens once, at its nearest level."""
    walker, citations = Walker(kb, selection), Citations()
    walker.nodes[root.id] = _node(root)
    seen = {root.id}
    top: list[Branch] = []
    frontier: list[tuple[str, list[Branch]]] = [(root.id, top)]
    for level in range(depth):
        edges = walker.edges_at([entity_id for entity_id, _ in frontier])
        earlier = set(seen)  # an entity met at this level may show under several labels, but opens once
        following = []
        for entity_id, siblings in frontier:
            for edge in sorted(edges[entity_id], key=lambda edge: _edge_order(edge, entity_id, walker)):
                other = edge.other(entity_id)
                if other in earlier or not walker.shown(other):
                    continue
                dated = edge.type in DATED_BY_TARGET
                branch = Branch(edge.label_from(entity_id), walker.node(other), None if dated else edge.since,
                                edge.until, edge.detail, edge.since if dated else None, citations.cite(edge.source))
                siblings.append(branch)
                if other not in seen and level + 1 < depth and walker.passable(other):
                    following.append((other, branch.children))
                seen.add(other)
        frontier = following
    return Related(_node(root), top, citations.notes(kb), depth, str(selection.as_of) if selection.as_of else None)


def _edge_order(edge: Edge, at: str, walker: Walker) -> tuple:
    other = walker.node(edge.other(at))
    return (edge.label_from(at), sort_key(edge.since), other.name.casefold(), other.id)


def shortest_paths(kb: KnowledgeBase, start: Entity, end: Entity, max_hops: int, every: bool,
                   selection: Selection, limit: int = 25) -> Paths:
    """Breadth-first from `start`: the first shortest path, or all of them, up to `max_hops` hops."""
    walker, citations = Walker(kb, selection), Citations()
    walker.nodes.update({start.id: _node(start), end.id: _node(end)})
    parents: dict[str, list[tuple[str, Edge]]] = {start.id: []}
    frontier = [start.id]
    for _level in range(max_hops):
        if end.id in parents or not frontier:
            break
        edges = walker.edges_at(frontier)
        reached: dict[str, list[tuple[str, Edge]]] = {}
        for entity_id in frontier:
            for edge in edges[entity_id]:
                other = edge.other(entity_id)
                if other not in parents:
                    reached.setdefault(other, []).append((entity_id, edge))
        parents.update(reached)
        frontier = sorted(other for other in reached if other != end.id and walker.passable(other))
    found = _unwind(parents, start.id, end.id, limit if every else 1) if end.id in parents and start != end else []
    paths = [[_hop(walker, here, there, edge, citations) for here, there, edge in path] for path in found]
    return Paths(_node(start), _node(end), max_hops, paths, citations.notes(kb))


def _unwind(parents: dict, start: str, end: str, limit: int) -> list[list[tuple[str, str, Edge]]]:
    """Every shortest path from start to end, in a stable order, at most `limit` of them."""
    paths: list[list[tuple[str, str, Edge]]] = []
    stack = deque([(end, [])])
    while stack and len(paths) < limit:
        node, tail = stack.pop()
        if node == start:
            paths.append(tail)
            continue
        for parent, edge in sorted(parents[node], key=lambda item: (item[0], item[1].type), reverse=True):
            stack.append((parent, [(parent, node, edge), *tail]))
    return paths


def _hop(walker: Walker, here: str, there: str, edge: Edge, citations: Citations) -> Hop:
    dated = edge.type in DATED_BY_TARGET
    return Hop(walker.node(here), walker.node(there), RELATIONS[edge.type].label, here == edge.subject,
               None if dated else edge.since, edge.until, edge.detail, citations.cite(edge.source),
               edge.since if dated else None)


@dataclass
class Comparison:
    kind: str
    entities: list[Node]
    rows: list[tuple[str, list[str]]]


def compare(kb: KnowledgeBase, entities: list[Entity], as_of: PartialDate | None = None) -> Comparison:
    """Organizations or people side by side: one row per aspect, one column per entity."""
    columns = [_aspects(kb, entity, as_of) for entity in entities]
    labels = list(dict.fromkeys(label for column in columns for label in column))
    rows = [(label, [column.get(label, "") for column in columns]) for label in labels]
    return Comparison(entities[0].kind, [_node(entity) for entity in entities], rows)


def _aspects(kb: KnowledgeBase, entity: Entity, as_of: PartialDate | None) -> dict[str, str]:
    fields = entity.fields
    links = kb.links(entity.id, as_of=as_of)

    def named(link_type: str, outgoing: bool, with_detail: bool = False) -> str:
        found = [link for link in links if link.type == link_type and link.outgoing == outgoing]
        return "; ".join(f"{link.other_name} ({link.detail})" if with_detail and link.detail else link.other_name
                         for link in found)

    events = [link for link in links if link.type == "took_part_in"]
    latest = max(events, key=lambda link: sort_key(link.other_date), default=None)
    aspects = {"Native name": fields.get("native_name", "")}
    if entity.kind == "organization":
        listings = [f"{listing['ticker']} ({listing.get('listed', '?')})" for listing in fields.get("listings", [])
                    if not as_of or is_active(listing.get("listed"), listing.get("delisted"), as_of)]
        aspects |= {
            "Type": entity.type or "", "Founded": fields.get("founded", ""),
            "Headquarters": named("based_in", True), "Founders": named("founded", False),
            "Leaders": named("works_at", False, with_detail=True),
            "Backers": "; ".join(filter(None, [named("backs", False), named("invests_in", False)])),
            "Products": named("develops", True), "Cohorts": named("member_of", True),
            "Listing": "; ".join(listings),
        }
    else:
        aspects |= {
            "Born": fields.get("born", ""), "Nationality": named("nationality", True),
            "Roles": named("works_at", True, with_detail=True), "Founded": named("founded", True),
            "Studied at": named("studied_at", True),
            "Quotes": str(sum(link.type == "said" for link in links)),
        }
    aspects["Latest event"] = f"{latest.other_date} {latest.other_name}" if latest else ""
    return aspects


@dataclass
class Subgraph:
    nodes: list[Node]
    edges: list[Edge]


def subgraph(kb: KnowledgeBase, root: Entity | None, depth: int, selection: Selection) -> Subgraph:
    """The neighbourhood of `root` to `depth` hops with every edge among its nodes, or the whole base."""
    if root is None:
        edges = [Edge(*row) for row in kb.all_edges()]
        entities = kb.get_many(sorted({end for edge in edges for end in (edge.subject, edge.object)}))
        nodes = {entity_id: _node(entity) for entity_id, entity in entities.items() if entity.kind != "source"
                 and (selection.kinds is None or entity.kind in selection.kinds)}
    else:
        tree = related(kb, root, depth, selection)
        nodes = {tree.root.id: tree.root}
        pending = list(tree.branches)
        while pending:
            branch = pending.pop()
            nodes[branch.node.id] = branch.node
            pending += branch.children
        edges = [Edge(*row) for row in kb.edges_touching(list(nodes))]
    kept = [edge for edge in edges if edge.subject in nodes and edge.object in nodes and selection.allows(edge)]
    return Subgraph(sorted(nodes.values(), key=lambda node: node.id), list(dict.fromkeys(kept)))
