"""``govern schema contract|metric|ownership|config``: the JSON Schema of a
format, for editors (yaml-language-server) to validate as people type."""

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


def shipped(kind: str) -> str:
    return resources.files("govern.schemas").joinpath(f"{kind}.json").read_text(encoding="utf-8")


def render(kind: str) -> str:
    return json.dumps(generate(kind), indent=2, sort_keys=False) + "\n"


def run(*, kind: str) -> int:
    print(shipped(kind), end="")
    return 0
