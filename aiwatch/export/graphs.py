"""A sub-graph as Graphviz DOT, Mermaid or node-link JSON, each with labels escaped for its format."""

from __future__ import annotations

import json
import re

from aiwatch.characters import UNSAFE_CHARACTERS
from aiwatch.graph import Subgraph
from aiwatch.views.output import strict_json
from aiwatch.vocabulary import RELATIONS

KIND_SHAPES = {"organization": "box", "person": "ellipse", "place": "house", "product": "component",
               "event": "note", "cohort": "folder", "topic": "hexagon", "quote": "plaintext", "source": "tab"}
_CONTROL = re.compile(f"[\t\n{UNSAFE_CHARACTERS}]")


def _dot_string(text: str) -> str:
    """A DOT double-quoted string: backslash and quote escaped, line breaks as \\n, controls dropped."""
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + _CONTROL.sub("", text) + '"'


def to_dot(graph: Subgraph, title: str = "aiwatch") -> str:
    lines = [f"digraph {_dot_string(title)} {{", "  rankdir=LR;", '  node [fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=10];']
    for node in graph.nodes:
        lines.append(f"  {_dot_string(node.id)} [label={_dot_string(node.name)}, "
                     f"shape={KIND_SHAPES.get(node.kind, 'box')}, tooltip={_dot_string(node.kind)}];")
    for edge in graph.edges:
        label = RELATIONS[edge.type].label + (f" ({edge.detail})" if edge.detail else "")
        lines.append(f"  {_dot_string(edge.subject)} -> {_dot_string(edge.object)} [label={_dot_string(label)}];")
    lines.append("}")
    return "\n".join(lines)


def _mermaid_id(entity_id: str) -> str:
    # Mermaid ids are plain words; slugs may start with a digit or hold hyphens
    return "n_" + entity_id.replace("-", "_")


def _mermaid_text(text: str) -> str:
    """Mermaid label text inside double quotes: quotes and markup-like characters as entity codes."""
    text = _CONTROL.sub(" ", text)
    for char, code in (("&", "#amp;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("|", "#124;"),
                       ("[", "#91;"), ("]", "#93;"), ("{", "#123;"), ("}", "#125;"), ("`", "#96;")):
        text = text.replace(char, code)
    return text


def to_mermaid(graph: Subgraph) -> str:
    lines = ["flowchart LR"]
    for node in graph.nodes:
        lines.append(f'  {_mermaid_id(node.id)}["{_mermaid_text(node.name)}"]')
    for edge in graph.edges:
        label = RELATIONS[edge.type].label + (f" ({edge.detail})" if edge.detail else "")
        lines.append(f'  {_mermaid_id(edge.subject)} -->|"{_mermaid_text(label)}"| {_mermaid_id(edge.object)}')
    return "\n".join(lines)


def to_node_link(graph: Subgraph) -> str:
    """Node-link JSON as networkx's node_link_graph reads it (edges under "links")."""
    return strict_json(json.dumps({
        "directed": True, "multigraph": True, "graph": {"name": "aiwatch"},
        "nodes": [{"id": node.id, "kind": node.kind, "name": node.name, "type": node.type} for node in graph.nodes],
        "links": [{"source": edge.subject, "target": edge.object, "type": edge.type,
                   "label": RELATIONS[edge.type].label, "reverse_label": RELATIONS[edge.type].reverse,
                   "since": edge.since, "until": edge.until, "detail": edge.detail, "citation": edge.source}
                  for edge in graph.edges],
    }, ensure_ascii=False, indent=2))


FORMATS = {"dot": to_dot, "mermaid": to_mermaid, "json": to_node_link}
