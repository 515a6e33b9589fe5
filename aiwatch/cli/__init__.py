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
