"""Shared model settings and small value types."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


class Strict(BaseModel):
    """Unknown keys are errors and values are never coerced across types: a
    YAML ``2.1`` is a number, not the text ``"2.1"`` (quoting says which)."""

    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, populate_by_name=True, validate_default=False
    )


# Dates come from YAML as text (the loader keeps them so); the field parses
# ISO 8601 text, so it is lax about its own input type only.
Date = Annotated[dt.date, Field(strict=False)]


def _number_to_text(value: Any) -> Any:
    # `completeness: 99.9` and `completeness: "99.9%"` both mean something; the
    # SLA rules parse the text and say precisely what is wrong with it.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


NumberOrText = Annotated[str, BeforeValidator(_number_to_text)]
Scalar = str | int | float | bool
