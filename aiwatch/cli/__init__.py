"""The `aiwatch` command: a thin Typer app; each module under cli/ adds one group of commands."""

import sys

import typer

from aiwatch import __version__

app = typer.Typer(
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


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """An offline, citable knowledge base of the AI ecosystem, with a focus on China and the US."""


def _register() -> None:
    from aiwatch.cli import curator, data, find, interop, links, lists, pages

    find.register(app)
    pages.register(app)
    lists.register(app)
    links.register(app)
    interop.register(app)
    curator.register(app)
    data.register(app)


_register()


def main() -> None:
    try:
        app(prog_name="aiwatch")
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except BrokenPipeError:  # `aiwatch ... | head`: the reader left; nothing more to say
        raise SystemExit(0) from None
    except Exception as error:  # a bug: one line that can be reported, never a traceback at a user
        print(f"aiwatch: internal error: {type(error).__name__}: {error} (please report it)", file=sys.stderr)
        raise SystemExit(1) from None
