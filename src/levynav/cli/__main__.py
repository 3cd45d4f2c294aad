"""``python -m levynav.cli``: the same as the ``levynav`` command."""

from levynav.cli.app import main

main()
