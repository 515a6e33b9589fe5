"""Look-up commands: one page command per kind, `list` and `timeline`."""
# No `from __future__ import annotations` here: Typer reads the page commands' annotations, which
# name values of the enclosing factory.


from typing import Annotated

import typer

from aiwatch.cli.common import DataOption, JsonOption, date_option, fail, open_knowledge_base
from aiwatch.vocabulary import KIND_FOLDERS

AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", metavar="DATE", help="Show roles, relations and events as they stood on DATE (YYYY[-MM[-DD]]).")]

# command -> (kinds it answers for, what the user is looking for)
PAGE_COMMANDS = {
    "company": (("organization",), "organization"),
    "person": (("person",), "person"),
    "hub": (("place",), "place"),
    "product": (("product",), "product"),
    "event": (("event",), "event"),
    "cohort": (("cohort",), "cohort"),
    "topic": (("topic",), "topic"),
    "source": (("source",), "source"),
    "quote": (("quote",), "quote"),
}
COMMAND_FOR_KIND = {kinds[0]: command for command, (kinds, _) in PAGE_COMMANDS.items()}


def resolve_one(kb, name: str, kinds: tuple[str, ...], wanted: str):
    """The one entity a typed name means, or a clear failure with candidates or suggestions."""
    resolution = kb.resolve(name, kinds)
    if len(resolution.matches) == 1:
        return resolution.matches[0], None
    if resolution.matches:
        listed = ", ".join(f"{entity.name} ({entity.id})" for entity in resolution.matches)
        fail(f"'{name}' is ambiguous: {listed}; give the id")
    if len(resolution.elsewhere) == 1:
        other = resolution.elsewhere[0]
        maker = other.fields.get("developer")
        if other.kind == "product" and "organization" in kinds and maker:
            return kb.get(maker), f"'{name}' is the product {other.name}; showing its developer"
        fail(f"'{name}' names a {other.kind}: try `aiwatch {COMMAND_FOR_KIND[other.kind]} {other.id}`")
    suggestions = kb.suggest(name, kinds)
    hint = "; did you mean " + ", ".join(f"{entity.name} ({entity.id})" for entity in suggestions) + "?" \
        if suggestions else ""
    fail(f"no {wanted} named '{name}'{hint}")


def _page_command(command: str):
    kinds, wanted = PAGE_COMMANDS[command]

    def show(
        name: Annotated[str, typer.Argument(help=f"Id, name, alias or native name of the {wanted}.")],
        as_of: AsOfOption = None,
        json: JsonOption = False,
        data: DataOption = None,
    ) -> None:
        from aiwatch.views.entity import entity_json, entity_text

        moment = date_option(as_of)
        kb = open_knowledge_base(data)
        entity, notice = resolve_one(kb, name, kinds, wanted)
        if notice:
            typer.echo(notice, err=True)
        links = kb.links(entity.id, as_of=moment)
        typer.echo(entity_json(entity, links) if json else entity_text(entity, links))

    show.__doc__ = f"Show the page of one {wanted}."
    return show


def list_command(
    kind: Annotated[str, typer.Argument(help="Kind to list: " + ", ".join(KIND_FOLDERS) + ".")],
    type: Annotated[str | None, typer.Option("--type", help="Only this type (company, model, city...).")] = None,
    json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """List the entities of one kind."""
    from aiwatch.views.entity import list_json, list_text

    singular = {folder: kind for kind, folder in KIND_FOLDERS.items()}.get(kind, kind)
    if singular not in KIND_FOLDERS:
        from aiwatch.problems import did_you_mean

        fail(f"unknown kind '{kind}'{did_you_mean(kind, KIND_FOLDERS)}", code=2)
    entities = open_knowledge_base(data).list(singular, type=type)
    typer.echo(list_json(entities) if json else list_text(entities))


def register(app: typer.Typer) -> None:
    for command in PAGE_COMMANDS:
        app.command(command)(_page_command(command))
    app.command("model", hidden=True)(_page_command("product"))
    app.command("list")(list_command)
