"""How the ``levynav`` process runs, set before the core is imported (the adapter's choice; the core reads no
environment and sets nothing).

- **No pydantic plugins.** Pydantic looks its plugins up (the ``pydantic`` entry-point group) when it builds its
  first validator: importing ``importlib.metadata`` (with ``email``, ``zipfile``, ``csv``…) and scanning every
  installed distribution's metadata, ≈ 0.05 s of a cold start, to find none — the command line uses no plugin
  (monitoring plugins such as logfire's are for services). ``PYDANTIC_DISABLE_PLUGINS`` skips only the scan,
  not the import, so the look-up module is given as an empty one: ``get_plugins()`` returns no plugin, which is
  what the variable does. It is done only while no validator has been built (else pydantic has its look-up
  already); tests/test_cli_process.py holds the installed pydantic to the one name it imports from that module.
- **No cycle collection during a one-shot command** (``analyze``, ``render``, ``rules``, ``explain``): building
  the ~75 models and the law data at start creates some 10⁵ container objects, and Python's collector, at its
  default threshold, walks them ≈ 150 times during one cold answer (≈ 0.06 s, 10 % of it) while an analysis
  leaves no cycles to free (docs/performance.md). The command reads one bounded file and exits, so the
  collector is off for its duration (≈ +2 MB peak); ``main`` turns it back on when the command returns.
  Long-running commands (``serve``, ``screen``) keep it.
"""

from __future__ import annotations

import gc
import sys
import types

PLUGIN_LOADER = "pydantic.plugin._loader"


def set_up(*, one_shot: bool) -> bool:
    """Set the process up; returns whether the cycle collector was turned off (the caller turns it back on)."""
    no_pydantic_plugins()
    if one_shot and gc.isenabled():
        gc.disable()
        return True
    return False


def no_pydantic_plugins() -> None:
    if PLUGIN_LOADER in sys.modules:  # a validator was built already: pydantic has looked its plugins up
        return
    loader = types.ModuleType(PLUGIN_LOADER, "No pydantic plugins in the levynav command (levynav.cli.process).")
    loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
    sys.modules[PLUGIN_LOADER] = loader


def _no_plugins() -> tuple[()]:
    return ()
