"""The JSON Schema of each format, generated from its pydantic model, and the
copy shipped in this package (``govern schema KIND`` prints it; ``python -m
govern.generate`` rewrites it, and a test keeps the two the same)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

KINDS = ("contract", "metric", "ownership", "config")
BASE_URL = "urn:govern:schema"


def generate(kind: str) -> dict[str, Any]:
    """Build the schema from the pydantic model (the shipped files are these)."""
    from pydantic import BaseModel

    from govern.config import Config
    from govern.model.contract import Contract
    from govern.model.metric import Metric
    from govern.model.ownership import Ownership

    models: dict[str, type[BaseModel]] = {
        "contract": Contract,
        "metric": Metric,
        "ownership": Ownership,
        "config": Config,
    }
    model = models[kind]
    schema = model.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_URL}:{kind}",
        **schema,
    }


def render(kind: str) -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(generate(kind), indent=2, sort_keys=False) + "\n"


def shipped(kind: str) -> str:
    return resources.files("govern.schemas").joinpath(f"{kind}.json").read_text(encoding="utf-8")
