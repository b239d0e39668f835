"""Who may read and write (assistant/access.py): tokens, the public default, constant-time comparison."""

from __future__ import annotations

import hmac

import pytest

from assistant.access import OPERATOR, PUBLIC, Access, access_for, admin_refusal, bearer, visibility_of
from assistant.settings import Settings

BOTH = Settings(admin_token="quan-tri-123", staff_token="can-bo-456")
ADMIN_ONLY = Settings(admin_token="quan-tri-123")


@pytest.mark.parametrize(("settings", "token", "expected"), [
    (BOTH, "Bearer quan-tri-123", OPERATOR),
    (BOTH, "quan-tri-123", OPERATOR),
    (BOTH, "bearer  can-bo-456 ", Access(staff=True)),
    (BOTH, "Bearer can-bo-45", PUBLIC),  # a prefix of the token is not the token
    (BOTH, "Bearer can-bo-4567", PUBLIC),
    (BOTH, "Bearer sk-openai-key", PUBLIC),  # OpenAI clients always send some key
    (BOTH, None, PUBLIC),
    (BOTH, "", PUBLIC),
    (ADMIN_ONLY, "Bearer ", PUBLIC),  # an unset staff token is matched by nothing, not by an empty one
    (ADMIN_ONLY, "Bearer quan-tri-123", OPERATOR),
    (Settings(), "", PUBLIC),
])
def test_access_for_tokens(settings: Settings, token: str | None, expected: Access) -> None:
    assert access_for(settings, token) == expected


def test_tokens_are_compared_with_hmac_compare_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def recording(a: bytes, b: bytes) -> bool:
        seen.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", recording)
    assert access_for(BOTH, "Bearer can-bo-456").staff
    assert (b"can-bo-456", b"can-bo-456") in seen
    assert (b"can-bo-456", b"quan-tri-123") in seen  # the admin token is checked the same way


def test_admin_refusal() -> None:
    assert admin_refusal(Settings(), "Bearer x").status == 403  # writes disabled
    assert "KEHOACH_ADMIN_TOKEN" in admin_refusal(Settings(), None).message
    assert admin_refusal(BOTH, "Bearer can-bo-456").status == 401  # the staff token does not write
    assert admin_refusal(BOTH, "Bearer quan-tri-123") is None
    assert bearer("Bearer  abc ") == "abc" and bearer(None) == ""


def test_visibility_values() -> None:
    assert visibility_of(" Staff ") == "staff" and visibility_of("public") == "public"
    assert visibility_of("") is None and visibility_of(None) is None
    with pytest.raises(ValueError, match="public hoặc staff"):
        visibility_of("secret")
