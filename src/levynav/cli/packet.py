"""`levynav packet CASE --out DIR`: the release packet (PDF, letters, forms, calendar, timeline) for a case."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from levynav.cli.arguments import fail, fail_output, load_case_or_exit, parse_as_of, parse_lang, shown
from levynav.cli.options import AsOf, Lang
from levynav.core.analyze import analyze


def register(app: typer.Typer) -> None:
    @app.command("packet")
    def packet_command(
        case_file: Annotated[Path, typer.Argument(help="case file, YAML or JSON")],
        out: Annotated[Path, typer.Option("--out", help="folder to write the packet into")],
        as_of: AsOf = None,
        lang: Lang = None,
        force: Annotated[
            bool, typer.Option("--force", help="replace a previous packet in --out (never other files)")
        ] = False,
    ) -> None:
        """Write the packet a person can mail: letters, forms, checklists, a calendar of deadlines, a timeline."""
        day = parse_as_of(as_of)
        language = parse_lang(lang)
        case = load_case_or_exit(case_file, language)
        from levynav.documents.packet_folder import DestinationError, check_destination

        try:  # before spending seconds on building: a folder that cannot take the packet is refused now
            check_destination(out, force=force)
        except DestinationError as err:
            raise fail(str(err)) from None
        from levynav.documents.packet import build_packet, write_packet  # WeasyPrint loads only now

        packet = build_packet(case, analyze(case, day), language)
        try:
            written = write_packet(packet, out, force=force)
        except DestinationError as err:
            raise fail(str(err)) from None
        except OSError as err:  # the disk filled, permissions changed while building: nothing was left behind
            reason = err.strerror or err.__class__.__name__
            raise fail_output(f"--out: the packet could not be written ({reason}); nothing was written", err) from None
        typer.echo(shown(f"Packet written to {out}/ ({len(written)} files):"))
        typer.echo("  packet.pdf       everything in one PDF, cover page first")
        for item in packet.items:
            when = f" — by {item.by.isoformat()}" if item.by else ""
            typer.echo(f"  {item.filename}  {item.title}{when}")
        typer.echo("  deadlines.ics    every deadline, with reminders 7 days and 1 day before")
        typer.echo("  timeline.svg     notices, levies, deadlines and the collection statute date")
        if packet.missing:
            gaps = [m for m in packet.missing if "q" not in m]
            typer.echo(
                f"{len(gaps)} fact(s) missing from the papers (red marks) and "
                f"{len(packet.missing) - len(gaps)} open question(s) — see the last pages of packet.pdf."
            )
        for note in packet.notes:
            typer.echo(f"Note: {note}")
