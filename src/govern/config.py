"""Configuration: ``govern.yaml`` at the repository root, or ``[tool.govern]``
in ``pyproject.toml``. Validated strictly up front: an unknown key or rule is
an error with its file and line (exit 2), never ignored in silence."""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Protocol

from pydantic import BeforeValidator, Field, PrivateAttr, ValidationError

from govern.errors import GovernError
from govern.model.base import Strict
from govern.model.contract import Notice, Waiver

CONFIG_FILE = "govern.yaml"
# Where a configuration may be written, in the order govern looks.
CONFIG_SOURCES = (CONFIG_FILE, "pyproject.toml")
SeverityName = Literal["error", "warning", "info"]

# Seed 002: "Data freshness: raw 15 minutes, staging 1 hour, curated 4 hours,
# marts 6 hours", for tables named {layer}_{entity}_{granularity}.
DEFAULT_LAYERS: dict[str, str] = {
    "raw": "15m",
    "stg": "1h",
    "staging": "1h",
    "int": "4h",
    "curated": "4h",
    "mart": "6h",
    "marts": "6h",
    "fct": "6h",
    "dim": "6h",
}
# A string field with one of these name endings holds a category (seed 000:
# "promo", "Promotion", "boss said so") and needs an enum.
DEFAULT_CATEGORICAL = ["_status", "_type", "_reason", "_category", "_kind", "_state", "_tier"]


def _severity_shorthand(value: Any) -> Any:
    if isinstance(value, str):
        return {"severity": value}
    return value


class RuleIndex(Protocol):
    """The rules the configuration may name (govern.rules.resolve): passed in,
    so that the configuration, which rules read, never imports them."""

    def __call__(self, name: str) -> str | None:
        """A rule code or name -> its code; None when unknown."""

    def names(self) -> list[str]:
        """Every rule's name, for "did you mean"."""


class RuleSetting(Strict):
    severity: Literal["error", "warning", "info", "off"] | None = None
    ignore: list[str] = Field(default_factory=list)


class Breaking(Strict):
    """`govern breaking` and `govern diff`."""

    # The default for --against (a branch or ref), when neither the flag nor
    # GitHub Actions' GITHUB_BASE_REF says.
    against: str | None = None
    # The verdict of each change kind, when the defaults of PRODUCT.md
    # section 3 do not suit: breaking | warning | info.
    severities: dict[str, Literal["breaking", "warning", "info"]] = Field(default_factory=dict)


# The coverage measures of `govern coverage` (docs/coverage.md).
CoverageMeasure = Literal[
    "contracts", "ownership", "backup", "metrics", "fields", "lineage", "dbt_models", "dbt_metrics"
]


class Coverage(Strict):
    """`govern coverage`: the least percentage of each measure; below it, exit 1."""

    thresholds: dict[CoverageMeasure, Annotated[float, Field(ge=0, le=100)]] = Field(
        default_factory=dict
    )


class Dbt(Strict):
    """A dbt project read beside the catalog by `govern conflicts` and `govern
    coverage` (docs/dbt.md)."""

    project: str  # relative to the repository root
    # The SQL dialect of its expressions (sqlglot's names), for comparing formulas.
    dialect: str | None = None


class Paths(Strict):
    contracts: str = "contracts"
    metrics: str = "metrics"
    ownership: str = "ownership"


def _layers(value: Any) -> Any:
    # A user's `layers` adjust the defaults (seed 002's four layers) rather
    # than replace them; `off` removes a layer.
    if isinstance(value, dict):
        merged = {**DEFAULT_LAYERS, **value}
        return {k: v for k, v in merged.items() if v != "off"}
    return value


# Bounds on numbers a pull request can write: a notice of more than ten
# years, or a size limit beyond what any YAML file needs, is a mistake or an
# attack (1e30 days overflows every date type), never a policy.
MAX_NOTICE_DAYS = 3650
MAX_FILE_SIZE = 100_000_000


class Config(Strict):
    paths: Paths = Field(default_factory=Paths)
    notice_days: int = Field(default=14, ge=1, le=MAX_NOTICE_DAYS)
    fail_on: SeverityName = "error"
    max_file_size: int = Field(default=2_000_000, ge=1_000, le=MAX_FILE_SIZE)
    exclude: list[str] = Field(default_factory=list)
    rules: dict[
        str,
        Annotated[
            RuleSetting,
            BeforeValidator(
                _severity_shorthand,
                json_schema_input_type=RuleSetting | Literal["error", "warning", "info", "off"],
            ),
        ],
    ] = Field(default_factory=dict)
    layers: Annotated[dict[str, str], BeforeValidator(_layers)] = Field(
        default_factory=lambda: dict(DEFAULT_LAYERS)
    )
    categorical_suffixes: list[str] = Field(default_factory=lambda: list(DEFAULT_CATEGORICAL))
    breaking: Breaking = Field(default_factory=Breaking)
    coverage: Coverage = Field(default_factory=Coverage)
    dbt: Dbt | None = None
    # Announced relaxations of this configuration, and approved exceptions
    # (`config-relaxed` changes; docs/security.md), like a contract's.
    notices: list[Notice] = Field(default_factory=list)
    waivers: list[Waiver] = Field(default_factory=list)
    # Directories the base branch governs that this branch's `paths` no
    # longer name (govern/floor.py): still governed, never user-set.
    _also_governed: list[str] = PrivateAttr(default_factory=list)

    def governing_also(self, dirs: list[str]) -> Config:
        """This configuration, governing ``dirs`` too."""
        copy = self.model_copy()
        copy._also_governed = list(dirs)  # a private attribute: frozen applies to fields
        return copy

    def governed_dirs(self) -> list[str]:
        """The directories whose YAML files are governed."""
        own = [self.paths.contracts, self.paths.metrics, self.paths.ownership]
        return list(dict.fromkeys([*own, *self._also_governed]))


@dataclass(frozen=True)
class LoadedConfig:
    config: Config
    source: str | None  # the file it came from, relative to the root; None: defaults


class ConfigError(GovernError):
    """A configuration the user must fix; the CLI exits 2 with this message."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path, self.line, self.column, self.message = path, line, column, message


def load(root: str, resolve_rule: RuleIndex) -> LoadedConfig:
    """Read the repository's configuration; ``resolve_rule`` maps a rule code
    or name to its code (None when unknown)."""

    return load_from(lambda name: read_file(root, name), resolve_rule)


# A configuration is a few hundred bytes; this is far above any real one.
_MAX_CONFIG_BYTES = 1_000_000


def read_file(root: str, name: str) -> bytes | None:
    """The bytes of the configuration file ``name`` in the working tree, or
    None when there is none. The file is a pull request's like any other
    (govern.load.files): a symlink out of the repository, a named pipe (which
    would block a read forever) or a huge file is a configuration error."""
    from govern.findings import Problem
    from govern.load.files import read_bytes

    path = os.path.join(root, name)
    if not os.path.lexists(path) or (os.path.isdir(path) and not os.path.islink(path)):
        return None
    raw = read_bytes(root, name, max_size=_MAX_CONFIG_BYTES, limit="")
    if isinstance(raw, Problem):
        raise ConfigError(name, 1, 1, raw.message)
    return raw


def load_from(read: Callable[[str], bytes | None], resolve_rule: RuleIndex) -> LoadedConfig:
    """The configuration from ``read(name)``: the working tree's files, or a
    commit's (`govern breaking` also reads the base branch's)."""
    raw = read(CONFIG_FILE)
    if raw is not None:
        return LoadedConfig(_from_yaml(_text(CONFIG_FILE, raw), resolve_rule), CONFIG_FILE)
    raw = read("pyproject.toml")
    if raw is not None:
        found = _from_pyproject(_text("pyproject.toml", raw), resolve_rule)
        if found is not None:
            return LoadedConfig(found, "pyproject.toml")
    return LoadedConfig(Config(), None)


def _text(name: str, raw: bytes) -> str:
    if len(raw) > _MAX_CONFIG_BYTES:  # a commit's file too, not only the working tree's
        raise ConfigError(name, 1, 1, f"is larger than {_MAX_CONFIG_BYTES:,} bytes: not read")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(name, 1, 1, f"cannot read: {exc}") from None


def _from_yaml(text: str, resolve_rule: RuleIndex) -> Config:
    from govern.load.yamlpos import YamlError, parse, positions

    try:
        parsed = parse(text)
    except YamlError as exc:
        raise ConfigError(CONFIG_FILE, exc.mark.line, exc.mark.column, exc.message) from None
    for issue in parsed.issues:
        raise ConfigError(CONFIG_FILE, issue.mark.line, issue.mark.column, issue.message)
    data = parsed.value if parsed.value is not None else {}
    if not isinstance(data, dict):
        raise ConfigError(CONFIG_FILE, 1, 1, "the configuration must be a mapping of keys")

    def where(loc: tuple[str | int, ...], *, key: bool) -> tuple[int, int]:
        marks = positions(text)
        mark = marks.key(loc) if key else marks.value(loc)
        return mark.line, mark.column

    return _validate(data, CONFIG_FILE, where, resolve_rule)


def _from_pyproject(text: str, resolve_rule: RuleIndex) -> Config | None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("pyproject.toml", 1, 1, f"cannot read: {exc}") from None
    section = doc.get("tool", {}).get("govern")
    if section is None:
        return None
    lines = text.splitlines()

    def where(loc: tuple[str | int, ...], *, key: bool) -> tuple[int, int]:
        # TOML parsers keep no positions: find the key's line in the text,
        # after the [tool.govern...] header; good enough to point a person at it.
        start = next((i for i, t in enumerate(lines) if t.strip().startswith("[tool.govern")), 0)
        names = [str(p) for p in loc if isinstance(p, str)]
        for name in reversed(names):
            for i in range(start, len(lines)):
                stripped = lines[i].lstrip()
                if stripped.startswith((name, f'"{name}"')):
                    return i + 1, len(lines[i]) - len(stripped) + 1
        return start + 1, 1

    return _validate(section, "pyproject.toml", where, resolve_rule)


def _validate(
    data: dict[str, Any],
    source: str,
    where: Callable[..., tuple[int, int]],
    resolve_rule: RuleIndex,
) -> Config:
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        # A misspelt key also leaves the right one missing: name the typo.
        err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        loc = tuple(err["loc"])
        line, col = where(loc, key=err["type"] == "extra_forbidden")
        raise ConfigError(source, line, col, _config_message(err, loc)) from None
    from govern.values import parse_duration

    for layer, limit in config.layers.items():
        if parse_duration(limit) is None:
            line, col = where(("layers", layer), key=False)
            raise ConfigError(
                source, line, col, f"`layers.{layer}`: `{limit}` is not a duration like 15m or 4h"
            )
    from govern.model.kinds import CHANGE_KINDS

    for kind in config.breaking.severities:
        if kind not in CHANGE_KINDS:
            line, col = where(("breaking", "severities", kind), key=True)
            close = difflib.get_close_matches(kind, CHANGE_KINDS, n=1)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            raise ConfigError(source, line, col, f"unknown change kind {kind!r}{hint}")
    rules: dict[str, RuleSetting] = {}
    for name, setting in config.rules.items():
        code = resolve_rule(name)
        if code is None:
            line, col = where(("rules", name), key=True)
            close = difflib.get_close_matches(name.lower(), resolve_rule.names(), n=1)
            hint = f"; did you mean `{close[0]}`?" if close else " (see `govern rules`)"
            raise ConfigError(source, line, col, f"unknown rule {name!r} in `rules`{hint}")
        rules[code] = setting
    return config.model_copy(update={"rules": rules})


def _config_message(err: Any, loc: tuple[str | int, ...]) -> str:
    dotted = ".".join(str(p) for p in loc)
    if err["type"] == "extra_forbidden":
        parent = loc[:-1]
        fields = Config.model_fields if not parent else _sub_fields(parent)
        hint = difflib.get_close_matches(str(loc[-1]), list(fields), n=1)
        prefix = "".join(f"{p}." for p in parent)
        suffix = f" (did you mean `{prefix}{hint[0]}`?)" if hint else ""
        return f"unknown configuration key `{dotted}`{suffix}"
    return f"`{dotted}`: {err['msg']}"


def _sub_fields(parent: tuple[str | int, ...]) -> dict[str, Any]:
    if parent[:1] == ("paths",):
        return dict(Paths.model_fields)
    if parent[:1] == ("rules",):
        return dict(RuleSetting.model_fields)
    if parent[:1] == ("breaking",):
        return dict(Breaking.model_fields)
    if parent[:1] == ("coverage",):
        return dict(Coverage.model_fields)
    if parent[:1] == ("dbt",):
        return dict(Dbt.model_fields)
    return {}
