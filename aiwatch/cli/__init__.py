"""The `aiwatch` command: a thin Typer app; each module under cli/ adds one group of commands."""

import os
import sys

import typer

from aiwatch import __version__

_app = typer.Typer(
    name="aiwatch",
    help="An offline, citable knowledge base of the AI ecosystem, with a focus on China and the US.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"aiwatch {__version__}")
        raise typer.Exit()


@_app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """An offline, citable knowledge base of the AI ecosystem, with a focus on China and the US."""


# command -> the module under aiwatch/cli/ that defines it, in the order `--help` lists them. A run
# imports and builds only the command it was given: building every command's parameters would cost
# more than answering.
COMMAND_MODULES = {
    **dict.fromkeys(["company", "person", "hub", "product", "model", "event", "cohort", "topic", "source",
                     "quote"], "pages"),
    "list": "lists", "timeline": "lists", "search": "find",
    "related": "links", "path": "links", "compare": "links", "graph": "links",
    "export": "interop", "brief": "interop", "stats": "interop",
    "new": "curator", "stale": "curator", "diff": "curator",
    "validate": "data", "schema": "data",
}
HIDDEN = {"model"}  # an alias of `product`, kept out of the listing
_registered: set[str] = set()


def build(commands=COMMAND_MODULES) -> typer.Typer:
    """The app with these commands (default: all) registered."""
    import importlib

    for name in commands:
        if name not in _registered:
            module = importlib.import_module(f"aiwatch.cli.{COMMAND_MODULES[name]}")
            _app.command(name, hidden=name in HIDDEN)(module.COMMANDS[name])
            _registered.add(name)
    return _app


def invoked(args: list[str], environ) -> list[str]:
    """The command a command line names, or every command (for help, completion of names, typos)."""
    if "_AIWATCH_COMPLETE" in environ:  # shell completion passes the words being completed in the environment
        args = (environ.get("COMP_WORDS") or environ.get("_TYPER_COMPLETE_ARGS") or "").split()[1:]
    name = next((arg for arg in args if not arg.startswith("-")), None)
    return [name] if name in COMMAND_MODULES else list(COMMAND_MODULES)


def __getattr__(name: str):
    if name == "app":  # `from aiwatch.cli import app` (tests, tools): the app with every command
        return build()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    try:
        build(invoked(sys.argv[1:], os.environ))(prog_name="aiwatch")
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except BrokenPipeError:  # `aiwatch ... | head`: the reader left; nothing more to say
        raise SystemExit(0) from None
    except Exception as error:  # a bug: one line that can be reported, never a traceback at a user
        print(f"aiwatch: internal error: {type(error).__name__}: {error} (please report it)", file=sys.stderr)
        raise SystemExit(1) from None
