"""Write the packaged DC holiday table (``data/calendar/dc_holidays.json``) from the ``holidays`` package:
``python -m levynav.lawbook.holiday_table``. The content is ``core.calc.holiday_table.build()``; the core never
writes (nor reads) the file itself."""

from __future__ import annotations

import json

from levynav.core.calc.holiday_table import FIRST_YEAR, LAST_YEAR, RELATIVE, build
from levynav.lawbook import datafiles


def main() -> None:
    target = datafiles.path(RELATIVE)
    target.write_text(json.dumps(build(), indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {target} ({FIRST_YEAR}-{LAST_YEAR})")


if __name__ == "__main__":
    main()
