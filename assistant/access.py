"""Who is asking, from the Bearer token they present: the public, staff, or the administrator.

Every entry point (HTTP, chat UI, CLI) turns its credentials into an `Access` here and nowhere else.
- A document's visibility is `public` (the default) or `staff`.
- The staff token (`KEHOACH_STAFF_TOKEN`) or the admin token reads `staff` documents too; with the staff
  token unset, only the admin token does.
- Any other token, or none, reads as the public. Reads never answer 401: OpenAI clients always send some
  key.
- Writes (upload, delete, change of visibility) need the admin token; with it unset they are disabled.
Tokens are compared in constant time.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any, Literal

PUBLIC_VIS = "public"
STAFF = "staff"
VISIBILITIES = (PUBLIC_VIS, STAFF)
Visibility = Literal["public", "staff"]

WRITES_DISABLED = ("Chức năng ghi đang tắt: đặt biến KEHOACH_ADMIN_TOKEN để bật. / Writes are disabled: set "
                   "KEHOACH_ADMIN_TOKEN to enable them.")
WRONG_ADMIN = "Sai mã quản trị. / Wrong admin token."
STAFF_TOOLS_ONLY = ("Công cụ này chỉ dành cho cán bộ: cần mã cán bộ (KEHOACH_STAFF_TOKEN) hoặc mã quản trị. / This "
                    "tool is for staff: present the staff or admin token.")


@dataclass(frozen=True)
class Access:
    staff: bool = False  # may read `staff` documents
    admin: bool = False  # may write


PUBLIC = Access()
OPERATOR = Access(staff=True, admin=True)  # the command line, run by whoever runs the service


def bearer(value: str | None) -> str:
    """The token of an `Authorization` header value ("Bearer X" or a bare "X"), stripped."""
    value = (value or "").strip()
    return value[7:].strip() if value[:7].lower() == "bearer " else value


def same_token(given: str | None, expected: str) -> bool:
    """Constant-time equality; an unset expected token matches nothing."""
    return bool(expected) and hmac.compare_digest((given or "").strip().encode(), expected.encode())


def access_for(settings: Any, token: str | None) -> Access:
    """The access a token gives (an `Authorization` value or the bare token)."""
    given = bearer(token)
    if same_token(given, settings.admin_token):
        return OPERATOR
    return Access(staff=same_token(given, settings.staff_token))


@dataclass(frozen=True)
class Refusal:
    status: int  # HTTP status for the API: 403 writes disabled, 401 wrong token
    message: str


def admin_refusal(settings: Any, token: str | None) -> Refusal | None:
    """None when the token is the admin token; else why a write is refused."""
    if not settings.admin_token:
        return Refusal(403, WRITES_DISABLED)
    if not access_for(settings, token).admin:
        return Refusal(401, WRONG_ADMIN)
    return None


def visibility_of(value: str | None) -> Visibility | None:
    """A visibility from user input ("staff", " Public "); None for empty; ValueError for anything else."""
    v = (value or "").strip().lower()
    if not v:
        return None
    if v not in VISIBILITIES:
        raise ValueError(f"Quyền xem không hợp lệ '{value}': chỉ nhận public hoặc staff. / Invalid visibility "
                         f"'{value}': use public or staff.")
    return v  # type: ignore[return-value]
