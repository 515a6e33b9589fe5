"""The `aiwatch` command: a thin Typer app whose commands live in the modules under cli/.

A run imports and builds only the command it names: building every command's parameters would cost
more than answering. So the root group lists commands from the tables below and builds one when
click asks for it (click's "lazily loading subcommands" pattern).
"""

import sys

import typer
from typer.core import TyperGroup

from aiwatch import __version__

# command -> the module under aiwatch/cli/ that defines it, in the order `--help` lists them
COMMAND_MODULES = {
    **dict.fromkeys(["company", "person", "hub", "product", "model", "event", "cohort", "topic", "source",
                     "quote"], "pages"),
    "list": "lists", "timeline": "lists", "search": "find",
    "related": "links", "path": "links", "compare": "links", "graph": "links",
    "export": "interop", "brief": "interop", "stats": "interop",
    "new": "curator", "stale": "curator", "diff": "curator",
    "validate": "data", "schema": "data", "index": "data",
}
HIDDEN = {"model"}  # an alias of `product`, kept out of the listing
SETTINGS = {"pretty_exceptions_enable": False, "rich_markup_mode": None}


def build_command(name: str):
    """The click command for one of our commands, from its function in its module."""
    import importlib

    function = importlib.import_module(f"aiwatch.cli.{COMMAND_MODULES[name]}").COMMANDS[name]
    single = typer.Typer(**SETTINGS)
    single.command(name, hidden=name in HIDDEN)(function)
    return typer.main.get_command(single)


class LazyGroup(TyperGroup):
    def list_commands(self, ctx) -> list[str]:
        return [name for name in COMMAND_MODULES if name not in HIDDEN]

    def get_command(self, ctx, name: str):
        if name not in self.commands and name in COMMAND_MODULES:
            self.add_command(build_command(name), name)
        return super().get_command(ctx, name)

    def resolve_command(self, ctx, args: list[str]):
        if args and not args[0].startswith("-") and args[0] not in COMMAND_MODULES:
            from difflib import get_close_matches

            close = get_close_matches(args[0], self.list_commands(ctx))
            ctx.fail(f"No such command '{args[0]}'." + (f" Did you mean {', '.join(map(repr, close))}?"
                                                        if close else ""))
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx, formatter) -> None:
        """The listing from the summary table: `aiwatch --help` builds no command."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, SUMMARIES[name]) for name in self.list_commands(ctx)])


# command -> its summary, as in its docstring's first line (a test keeps the two equal)
SUMMARIES = {
    "company": "Briefing on an organization: firm, fund, university, regulator.",
    "person": "Briefing on a person: roles over time, relations, quotes.",
    "hub": "Briefing on a place: the firms and people based there, events held there.",
    "product": "Briefing on a product: model, chip, app or game (alias: model).",
    "event": "One dated event: participants, place, topics, sources.",
    "cohort": "A named group such as the AI tigers, with its members.",
    "topic": "A theme such as export controls: what and who it covers.",
    "source": "One source and everything that cites it.",
    "quote": "One quote: speaker, date, text, translation status, gloss.",
    "list": "List the entities of one kind, filtered and sorted.",
    "timeline": "Dated events in order, grouped by year and month, each with its participants and sources.",
    "search": "Search names, aliases, summaries, tags, quotes and glosses of every kind; exit 1 if nothing matches.",
    "related": ("An entity's neighbours as a tree: relations both ways, shared events and cohorts, with "
                "dates and sources."),
    "path": "How two entities are connected: the shortest chain of relations, roles, events and cohorts, in words.",
    "compare": "Organizations (or people) side by side: type, founding, base, leaders, backers, products, listing.",
    "graph": "The neighbourhood of NAME, or the whole knowledge base, as Graphviz DOT, Mermaid or node-link JSON.",
    "export": "Export the whole knowledge base, or one kind, for other tools; never overwrites without --force.",
    "brief": "A Markdown dossier of one entity: its page as prose and tables, with numbered footnotes.",
    "stats": "Counts per kind, the share of facts with a source, events per year, the most connected entities.",
    "new": "Write a commented template for a new entity file; refuses an existing file or a bad id.",
    "stale": "Entities whose `reviewed` date is missing or older than the limit, for curators to re-check.",
    "diff": "What changed in the knowledge base since a date or a git revision: added, removed, changed.",
    "validate": "Check every entity file; list each problem as file:line:col. Exit 1 on any error.",
    "schema": "Print the JSON Schema of entity files (committed as data/schema.json for editors).",
    "index": "Check every file and bring the index up to date, e.g. after edits in place on a large base.",
}

app = typer.Typer(
    name="aiwatch",
    cls=LazyGroup,
    help="An offline, citable knowledge base of the AI ecosystem, with a focus on China and the US.",
    no_args_is_help=True,
    **SETTINGS,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"aiwatch {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """An offline, citable knowledge base of the AI ecosystem, with a focus on China and the US."""


def main() -> None:
    from typer._click.exceptions import ClickException, NoArgsIsHelpError  # Typer vendors its click

    try:
        code = app(prog_name="aiwatch", standalone_mode=False)
    except NoArgsIsHelpError as help_page:
        help_page.show()
        raise SystemExit(help_page.exit_code) from None
    except ClickException as error:  # click's usage block is four lines; every aiwatch error is one
        from aiwatch.views.output import literal

        context = getattr(error, "ctx", None)
        hint = f" (see `{context.command_path} --help`)" if context else ""
        print(literal(f"aiwatch: error: {error.format_message()}{hint}"), file=sys.stderr)
        raise SystemExit(error.exit_code) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except BrokenPipeError:  # `aiwatch ... | head`: the reader left; nothing more to say
        raise SystemExit(0) from None
    except Exception as error:  # a bug: one line that can be reported, never a traceback at a user
        print(f"aiwatch: internal error: {type(error).__name__}: {error} (please report it)", file=sys.stderr)
        raise SystemExit(1) from None
    raise SystemExit(code or 0)
