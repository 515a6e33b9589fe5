"""`list` and `timeline`: many entities at once, filtered."""

from typing import Annotated, Literal

import typer

from aiwatch.cli.common import (
    AsOfOption,
    DataOption,
    JsonOption,
    answer,
    check_choice,
    completer,
    date_option,
    fail,
    resolve_one,
)
from aiwatch.vocabulary import EVENT_TYPES, KIND_FOLDERS

KIND_WORDS = {**{kind: kind for kind in KIND_FOLDERS}, **{folder: kind for kind, folder in KIND_FOLDERS.items()},
              "company": "organization", "companies": "organization", "hub": "place", "hubs": "place",
              "model": "product", "models": "product"}


def _named(kb, text: str | None, kind: str):
    return resolve_one(kb, text, (kind,), kind).id if text else None


def list_command(
    kind: Annotated[str, typer.Argument(help="What to list: " + ", ".join(KIND_FOLDERS) + " (or plurals).")],
    type: Annotated[str | None, typer.Option("--type", help="Only this type: company, model, city ...")] = None,
    hub: Annotated[str | None, typer.Option("--hub", help="Only those based in this place or inside it.",
                                            autocompletion=completer("place"))] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="Only those with this tag.")] = None,
    cohort: Annotated[str | None, typer.Option("--cohort", help="Only members of this cohort.",
                                               autocompletion=completer("cohort"))] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Only those filed under this topic.",
                                              autocompletion=completer("topic"))] = None,
    founded_after: Annotated[str | None, typer.Option("--founded-after", metavar="DATE",
                                                      help="Dated (founded, released, born) on or after DATE.")] = None,
    founded_before: Annotated[str | None, typer.Option("--founded-before", metavar="DATE",
                                                       help="Dated on or before DATE.")] = None,
    sort: Annotated[Literal["name", "date"], typer.Option("--sort", help="Order by name or by date.")] = "name",
    as_of: AsOfOption = None,
    json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """List the entities of one kind, filtered and sorted."""
    from aiwatch.views.listing import list_plain, list_rich, list_rows
    from aiwatch.views.output import emit

    singular = KIND_WORDS[check_choice(kind.lower(), KIND_WORDS, "kind")]
    after, before = date_option(founded_after, "--founded-after"), date_option(founded_before, "--founded-before")
    moment = date_option(as_of)
    entities = answer(data, lambda kb: kb.list(singular, type=type, tag=tag, hub=_named(kb, hub, "place"),
                                               cohort=_named(kb, cohort, "cohort"), topic=_named(kb, topic, "topic"),
                                               founded_after=after, founded_before=before, as_of=moment, sort=sort),
                      lambda found: [entity.id for entity in found])
    emit(entities, as_json=json, plain=list_plain, rich=list_rich, shape=list_rows)


def timeline_command(
    year: Annotated[int | None, typer.Option("--year", help="Only this year.", min=1900, max=2100)] = None,
    start: Annotated[str | None, typer.Option("--from", metavar="DATE", help="From DATE (YYYY[-MM[-DD]]).")] = None,
    end: Annotated[str | None, typer.Option("--to", metavar="DATE", help="Up to DATE, inclusive.")] = None,
    entity: Annotated[str | None, typer.Option("--entity", help="Only events this entity took part in.",
                                               autocompletion=completer())] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Only events on this topic.",
                                              autocompletion=completer("topic"))] = None,
    hub: Annotated[str | None, typer.Option("--hub", help="Only events held in this place or inside it.",
                                            autocompletion=completer("place"))] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Only this type of event: "
                                             + ", ".join(EVENT_TYPES) + ".")] = None,
    as_of: AsOfOption = None,
    json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Dated events in order, grouped by year and month, each with its participants and sources."""
    from aiwatch.timeline import build_timeline
    from aiwatch.views.output import emit
    from aiwatch.views.timeline import timeline_plain, timeline_rich

    if kind:
        check_choice(kind, EVENT_TYPES, "event kind")
    if year and (start or end):
        fail("give --year or --from/--to, not both", code=2)
    first = date_option(str(year) if year else start, "--from")
    last = date_option(str(year) if year else end, "--to")
    moment = date_option(as_of)
    if moment and (last is None or moment.last_day < last.last_day):
        last = moment

    def question(kb):
        entity_id = resolve_one(kb, entity, (), "entity").id if entity else None
        events = kb.events(start=first, end=last, entity=entity_id, topic=_named(kb, topic, "topic"),
                           hub=_named(kb, hub, "place"), type=kind)
        filters = {"from": str(first) if first else None, "to": str(last) if last else None, "entity": entity_id,
                   "topic": topic, "hub": hub, "kind": kind}
        return build_timeline(kb, events, filters)

    timeline = answer(data, question, lambda found: [row.id for row in found.rows])
    emit(timeline, as_json=json, plain=timeline_plain, rich=timeline_rich)


COMMANDS = {"list": list_command, "timeline": timeline_command}
