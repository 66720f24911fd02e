"""The ``mlblog`` command: quickstart, new, build, serve, check, migrate-ablog."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sphinx-mlblog")
def main() -> None:
    """sphinx-mlblog: research blogs with Sphinx."""


def _register() -> None:
    from . import build, check, migrate, posts, quickstart

    for module in (quickstart, posts, build, check, migrate):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
