"""`aiwatch stats` as text, with events per year as a bar chart."""

from __future__ import annotations

from aiwatch.stats import Stats
from aiwatch.views.output import literal


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"


def stats_plain(stats: Stats, width: int = 40) -> str:
    lines = ["Entities"] + [f"  {kind:<13} {count:>5}" for kind, count in stats.counts.items()]
    lines.append(f"  {'total':<13} {sum(stats.counts.values()):>5}")
    lines += ["", "Facts (header fields, relations, roles, listings, cohort members; sources aside)",
              f"  with a source of their own:      {_share(stats.facts_cited, stats.facts)}",
              f"  backed by a source at all:       {_share(stats.facts_covered, stats.facts)}",
              f"  sources with a known address:    {_share(stats.sources_with_url, stats.counts['source'])}"]
    lines += ["", "Events per year"]
    peak = max(stats.events_per_year.values(), default=0)
    for year, count in stats.events_per_year.items():
        bar = "█" * max(1, round(width * count / peak))
        lines.append(f"  {year} {bar} {count}")
    lines += ["", "Most connected (links, topics aside)"]
    lines += [f"  {item['links']:>4}  {literal(item['name'])} [{item['kind']}]" for item in stats.most_connected]
    return "\n".join(lines)


def stats_rich(stats: Stats):
    from rich.text import Text

    return Text(stats_plain(stats))
