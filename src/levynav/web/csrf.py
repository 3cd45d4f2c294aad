"""Cross-site request forgery protection for the pages' forms (ADR 0011).

Each browser gets a random session identifier in a cookie (HttpOnly, SameSite=Lax); every form that changes
something carries, in a hidden field, a token made from that identifier with the server's secret (HMAC-SHA256).
A POST to a page without the cookie, without the field, or with a token that does not match is refused with 403
before anything is read or stored. It needs no JavaScript. The REST API (/api/v1) takes no cookie and is not
covered: it is authorised by the case code in its address alone, so a forged request can do nothing the forger
could not do directly.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

from fastapi import HTTPException, Request
from fastapi.responses import Response

SESSION_COOKIE = "levynav_session"
FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_SESSION = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


class CsrfRejected(HTTPException):
    def __init__(self) -> None:
        super().__init__(status_code=403, detail="csrf")


def load_secret(data_dir: Path) -> bytes:
    """The key tokens are signed with: LEVYNAV_SECRET_KEY, else a random key kept in the data folder (made on the
    first start, readable by its owner only) so tokens outlive a restart and agree between workers."""
    env = os.environ.get("LEVYNAV_SECRET_KEY", "")
    if env:
        return env.encode()
    path = data_dir / "secret.key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        # written whole under a name of its own, then linked into place: a process that starts at the same moment
        # either links first or reads the finished key, never an empty file
        draft = data_dir / f".secret.key.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process made it first
        finally:
            draft.unlink()
    return path.read_text(encoding="ascii").strip().encode()


def _secret(request: Request) -> bytes:
    key: bytes = request.app.state.secret_key
    return key


def session_of(request: Request) -> str | None:
    value = request.cookies.get(SESSION_COOKIE)
    return value if value and _SESSION.match(value) else None


def token_for(request: Request) -> tuple[str, str | None]:
    """The token for the page's forms, and the new session identifier to set in a cookie (None: already set)."""
    session = session_of(request)
    new = None
    if session is None:
        session = new = secrets.token_urlsafe(32)
    return _sign(request, session), new


def _sign(request: Request, session: str) -> str:
    return hmac.new(_secret(request), session.encode(), hashlib.sha256).hexdigest()


def set_session(response: Response, session: str | None) -> None:
    if session is not None:
        response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="lax", path="/")


async def require_token(request: Request) -> None:
    """Refuse a state-changing request whose form token does not match the session cookie (403)."""
    if request.method in SAFE_METHODS:
        return
    session = session_of(request)
    try:
        form = await request.form()
    except Exception:  # a body that is not a form cannot carry the token
        raise CsrfRejected() from None
    sent = form.get(FIELD)
    if session is None or not isinstance(sent, str) or not hmac.compare_digest(sent, _sign(request, session)):
        raise CsrfRejected()
