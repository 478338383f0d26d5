"""Output formats, chosen by name. Only ``text`` imports Rich."""

from __future__ import annotations

FORMATS = ("text", "json")
