"""Page commands: one per kind (`company`, `person`, `hub` ...), each a briefing on one entity."""

from typing import Annotated

import typer

from aiwatch.cli.common import (
    AsOfOption,
    DataOption,
    JsonOption,
    answer,
    completer,
    date_option,
    resolve_one,
)

# command -> (kind it shows, what the user is looking for, help)
PAGE_COMMANDS = {
    "company": ("organization", "organization", "Briefing on an organization: firm, fund, university, regulator."),
    "person": ("person", "person", "Briefing on a person: roles over time, relations, quotes."),
    "hub": ("place", "place", "Briefing on a place: the firms and people based there, events held there."),
    "product": ("product", "product", "Briefing on a product: model, chip, app or game (alias: model)."),
    "event": ("event", "event", "One dated event: participants, place, topics, sources."),
    "cohort": ("cohort", "cohort", "A named group such as the AI tigers, with its members."),
    "topic": ("topic", "topic", "A theme such as export controls: what and who it covers."),
    "source": ("source", "source", "One source and everything that cites it."),
    "quote": ("quote", "quote", "One quote: speaker, date, text, translation status, gloss."),
}


def _page_command(command: str):
    kind, wanted, summary = PAGE_COMMANDS[command]

    def show(
        name: Annotated[str, typer.Argument(help=f"Id, name, alias or native name of the {wanted}.",
                                            autocompletion=completer(kind))],
        as_of: AsOfOption = None,
        json: JsonOption = False,
        data: DataOption = None,
    ) -> None:
        from aiwatch.pages import build_page
        from aiwatch.views.output import emit
        from aiwatch.views.page import page_plain, page_rich

        moment = date_option(as_of)
        page = answer(data, lambda kb: build_page(kb, resolve_one(kb, name, (kind,), wanted), moment),
                      lambda page: [page.id], neighbours=True)
        emit(page, as_json=json, plain=page_plain, rich=page_rich)

    show.__doc__ = summary
    return show


COMMANDS = {command: _page_command(command) for command in PAGE_COMMANDS} | {"model": _page_command("product")}
