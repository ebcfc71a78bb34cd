"""Who the audit names: the clerk's setting, else the login name, never a crash."""

from __future__ import annotations

import getpass

from mopac_desk import clerk


def test_default_is_the_login_name(monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "  jhewitt ")
    assert clerk.default_clerk_name() == "jhewitt"


def test_default_survives_a_system_without_a_login_name(monkeypatch):
    def broken() -> str:
        raise OSError("No username set in the environment")
    monkeypatch.setattr(getpass, "getuser", broken)
    assert clerk.default_clerk_name() == "clerk"


def test_setting_wins_when_usable_and_is_cleaned(monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "login")
    assert clerk.clerk_name("  Ada   Lovelace ") == "Ada Lovelace"
    assert clerk.clerk_name("   ") == "login"
    assert clerk.clerk_name(None) == "login"
    assert clerk.clerk_name(42) == "login"
    assert len(clerk.clerk_name("x" * 500)) == clerk.MAX_NAME_LENGTH
