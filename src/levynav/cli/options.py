"""The typer declarations of the options several commands share (--as-of, --format, --lang); their parsing is in
``cli.arguments``, which does not import typer."""

from __future__ import annotations

from typing import Annotated

import typer

AsOf = Annotated[
    str | None,
    typer.Option("--as-of", help="Date to analyse on, YYYY-MM-DD (default: today)", show_default=False),
]
Format = Annotated[str, typer.Option("--format", help="text or json")]
Lang = Annotated[
    str | None,
    typer.Option("--lang", help="language of what a person reads: en or es (default: $LEVYNAV_LANG, else en)"),
]
