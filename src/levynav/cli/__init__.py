"""The command line: one module per command group; ``app`` assembles them (``levynav`` runs ``app.main``)."""
