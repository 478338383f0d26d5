"""Attacks are run against the installed `govern` as a real process: its exit
code, what it writes to real pipes, and a time limit if it ever hangs."""

from __future__ import annotations

import pytest

from tests import conftest


@pytest.fixture(autouse=True)
def _subprocess(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conftest, "SUBPROCESS", True)
