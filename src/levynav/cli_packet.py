"""`levynav packet CASE --out DIR`: the release packet (PDF, letters, forms, calendar, timeline) for a case."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from levynav.analyze import analyze
from levynav.cli import AsOf, parse_as_of
from levynav.intake.load import CaseError, load_case


def register(app: typer.Typer) -> None:
    @app.command("packet")
    def packet_command(
        case_file: Annotated[Path, typer.Argument(help="case file, YAML or JSON")],
        out: Annotated[Path, typer.Option("--out", help="folder to write the packet into")],
        as_of: AsOf = None,
    ) -> None:
        """Write the packet a person can mail: letters, forms, checklists, a calendar of deadlines, a timeline."""
        day = parse_as_of(as_of)
        try:
            case = load_case(case_file)
        except CaseError as err:
            typer.echo(f"levynav: {err.source} has {len(err.problems)} problem(s):", err=True)
            for problem in err.problems:
                typer.echo(f"  - {problem}", err=True)
            raise typer.Exit(code=2) from None
        from levynav.documents.packet import build_packet, write_packet  # WeasyPrint loads only when needed
        from levynav.intake.transcript import case_with_transcripts

        case = case_with_transcripts(case, case_file.parent)
        packet = build_packet(case, analyze(case, day))
        written = write_packet(packet, out)
        typer.echo(f"Packet written to {out}/ ({len(written)} files):")
        typer.echo("  packet.pdf       everything in one PDF, cover page first")
        for item in packet.items:
            when = f" — by {item.by.isoformat()}" if item.by else ""
            typer.echo(f"  {item.filename}  {item.title}{when}")
        typer.echo("  deadlines.ics    every deadline, with reminders 7 days and 1 day before")
        typer.echo("  timeline.svg     notices, levies, deadlines and the collection statute date")
        if packet.missing:
            typer.echo(f"{len(packet.missing)} fact(s) or question(s) still open — see the last pages of packet.pdf.")
        for note in packet.notes:
            typer.echo(f"Note: {note}")
