"""A pydantic model as the plain YAML values a document would hold, in both directions:
the native contract written out, and native values regenerated to compare with ODCS."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from govern.model.contract import Deprecation


def plain(model: BaseModel) -> Any:
    """A model as plain YAML values: the keys the document set, in the model's
    order, None left out, dates as ISO text; an empty deprecation is ``true``."""
    out: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        if name not in model.model_fields_set:
            continue
        value = getattr(model, name)
        if value is not None:
            out[info.alias or name] = plain_value(value)
    if isinstance(model, Deprecation) and not out:
        return True
    return out


def plain_value(value: Any) -> Any:
    """Any value of a model (models, mappings, lists, dates) as plain YAML values."""
    if isinstance(value, BaseModel):
        return plain(value)
    if isinstance(value, dict):
        return {k: plain_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_value(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
