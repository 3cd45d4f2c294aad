"""The web application: the guided interview, the result and the papers, and the REST API (DESIGN §4)."""

from levynav.web.app import create_app
from levynav.web.settings import Settings

__all__ = ["Settings", "create_app"]
