"""``python -m levynav``: the same as the ``levynav`` command (and ``python -m levynav.cli``)."""

from levynav.cli.app import main

main()
