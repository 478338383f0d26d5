"""A data contract in the native format (PRODUCT.md section 1.1)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from govern.model.base import Date, NumberOrText, Scalar, Strict

Status = Literal["draft", "active", "deprecated", "retired"]
Kind = Literal["event", "table", "view", "api", "file", "stream"]
Classification = Literal["public", "internal", "confidential", "restricted"]

CLASSIFICATION_RANK: dict[str, int] = {
    "public": 0,
    "internal": 1,
    "confidential": 2,
    "restricted": 3,
}


class Deprecation(Strict):
    """A deprecation notice on a field or a contract (PRODUCT.md section 3)."""

    reason: str | None = None
    removal: Date | None = None
    replacement: str | None = None


def _deprecated_flag(value: Any) -> Any:
    # `deprecated: true` is accepted (and flagged for its missing reason);
    # `deprecated: false` means not deprecated.
    if value is True:
        return {}
    if value is False:
        return None
    return value


DeprecationField = Annotated[Deprecation | None, BeforeValidator(_deprecated_flag)]


class Field_(Strict):
    """One field of a contract schema."""

    type: str
    description: str | None = None
    required: bool = False
    unique: bool = False
    primary_key: bool = False
    enum: list[Scalar] | None = None
    pattern: str | None = None
    min: int | float | None = None
    max: int | float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pii: bool = False
    classification: Classification | None = None
    masking: str | None = None
    deprecated: DeprecationField = None
    examples: list[Any] | None = None
    fields: dict[str, Field_] | None = None
    items: Field_ | None = None


class Consumer(Strict):
    team: str
    use: str | None = None


class Sla(Strict):
    freshness: NumberOrText | None = None
    completeness: NumberOrText | None = None
    availability: NumberOrText | None = None
    delivery: str | None = None


class ChangePolicy(Strict):
    # Ten years at most, as in the configuration (govern/config.py): a larger
    # number is a mistake or an attack (it overflows every date), never a policy.
    notice_days: int | None = Field(default=None, le=3650)
    channel: str | None = None


class Notice(Strict):
    """An announced breaking change other than a removal."""

    element: str
    change: str
    reason: str | None = None
    effective: Date | None = None


class Waiver(Strict):
    """A consumer-approved exception to the notice policy."""

    element: str
    change: str
    reason: str | None = None
    approved_by: list[str] = Field(default_factory=list)


class Contract(Strict):
    contract: str
    version: str
    status: Status
    kind: Kind
    description: str | None = None
    owner: str | None = None
    producer: str | None = None
    dataset: str | None = None
    consumers: list[Consumer] = Field(default_factory=list)
    schema_: dict[str, Field_] = Field(alias="schema")
    sla: Sla | None = None
    change_policy: ChangePolicy | None = None
    notices: list[Notice] = Field(default_factory=list)
    waivers: list[Waiver] = Field(default_factory=list)
    deprecated: DeprecationField = None
    retention: NumberOrText | None = None
    tags: list[str] = Field(default_factory=list)


def iter_fields(
    fields: dict[str, Field_], prefix: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], Field_]]:
    """Every field, nested ones included, with its path of names.

    Array items appear under the name ``items`` (the element path of section 3:
    ``schema.<field>.items``)."""
    out: list[tuple[tuple[str, ...], Field_]] = []

    def walk(name_path: tuple[str, ...], f: Field_) -> None:
        out.append((name_path, f))
        for sub, sf in (f.fields or {}).items():
            walk((*name_path, sub), sf)
        if f.items is not None:
            walk((*name_path, "items"), f.items)

    for name, f in fields.items():
        walk((*prefix, name), f)
    return out


def yaml_path(name_path: tuple[str, ...]) -> tuple[str, ...]:
    """The YAML key path of a field given its name path (``fields``/``items`` keys)."""
    out: list[str] = ["schema", name_path[0]]
    for part in name_path[1:]:
        out += ["items"] if part == "items" else ["fields", part]
    return tuple(out)
