"""A dbt project's semantic layer and relations, read beside the catalog (docs/dbt.md).

Teams keep metrics in dbt's semantic layer as well as in govern's catalog;
seed 000's rule ("no team may publish a metric that contradicts the catalog")
holds only if govern reads them. This module reads, without running dbt:

- ``dbt_project.yml`` (the project name and its ``model-paths``);
- every YAML file under the model paths: ``semantic_models:`` (entities,
  dimensions, measures), ``metrics:`` (simple, ratio, derived, cumulative;
  the legacy ``type_params`` form and the latest spec's top-level keys),
  MetricFlow's one-object-per-document form (``metric:``,
  ``semantic_model:``, ``data_source:``), ``models:``, ``sources:`` and
  ``groups:`` (for owners);
- the names of the ``.sql`` models.

Each metric becomes a catalog :class:`~govern.model.metric.Metric` whose
formula is SQL over the semantic model's columns (:mod:`govern.load.dbt_sql`
builds it), so that ``govern conflicts`` compares it with the catalog's
definitions, and its positions point into the dbt file. Nothing here writes
to the dbt project. A file that cannot be read is reported (with its line)
and skipped; the rest is read.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from typing import Any

from govern.load import files
from govern.load.documents import Document, LazyPositions
from govern.load.yamlpos import Mark, Path, Positions, YamlError, parse, parse_all
from govern.repo import UsageError

PROJECT_FILE = "dbt_project.yml"
MAX_FILE_SIZE = 5_000_000
_REF = re.compile(r"""^\s*ref\(\s*(?:['"][^'"]+['"]\s*,\s*)?['"]([^'"]+)['"]\s*(?:,[^)]*)?\)\s*$""")


class DbtError(UsageError):
    """The dbt project cannot be read at all (exit 2)."""


@dataclass(frozen=True)
class DbtIssue:
    """Something in the dbt project govern could not read, at its line."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass
class Source:
    """Where an object of the dbt project is written: its file, the marks of
    its document, and its path inside the document."""

    path: str  # relative to the governance repository (it may start with ../)
    positions: Positions
    at: Path

    def mark(self, *sub: str | int) -> Mark:
        return self.positions.value((*self.at, *sub))


@dataclass
class SemanticModel:
    name: str
    model: str | None  # the dbt model it describes (`ref('orders')` -> orders)
    entities: dict[str, str]  # name -> SQL expression
    dimensions: dict[str, str]
    owner: str | None  # `meta.owner`, else (once every file is read) its group's owner
    group: str | None
    source: Source
    # Entities that identify a row of it (primary, unique, natural): the
    # prefix of `Dimension('customer__status')` names one of these.
    keys: set[str] = field(default_factory=set)


@dataclass
class Measure:
    name: str
    agg: str
    expr: str
    params: dict[str, Any]  # agg_params
    semantic_model: SemanticModel
    source: Source
    non_additive: dict[str, Any] | None = None  # `non_additive_dimension`


@dataclass
class RawMetric:
    """A metric as written: ``params`` holds ``type_params`` (legacy spec) or
    the metric itself (latest spec: type-specific keys at the top level)."""

    name: str
    type: str
    label: str | None
    description: str | None
    params: dict[str, Any]
    filters: list[str]
    owner: str | None
    group: str | None
    semantic_model: SemanticModel | None  # the model it is defined on (latest spec)
    source: Source
    params_at: Path  # where `params` is written
    hidden: bool = False  # `hidden: true`: a building block, not published


@dataclass(frozen=True)
class Relation:
    """A dbt model or source table: a data flow a contract should promise."""

    kind: str  # "dbt-model" or "dbt-source"
    name: str  # the model name, or source.table
    names: tuple[str, ...]  # what a contract's id or dataset may call it
    owner: str | None
    path: str
    line: int
    contract: str | None = None  # `meta.contract`: the govern contract that promises it


@dataclass(frozen=True)
class Group:
    name: str
    owner: str | None  # the group owner's name, else its email


@dataclass
class DbtProject:
    name: str
    semantic_models: dict[str, SemanticModel] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)
    raw_metrics: dict[str, RawMetric] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    issues: list[DbtIssue] = field(default_factory=list)
    # Filled by govern.load.dbt_sql.resolve: one catalog metric per dbt metric.
    metrics: list[DbtMetric] = field(default_factory=list)

    def issue(self, source: Source | str, mark: Mark | None, message: str) -> None:
        path = source.path if isinstance(source, Source) else source
        m = mark or Mark(1, 1)
        self.issues.append(DbtIssue(path, m.line, m.column, message))


@dataclass
class DbtMetric:
    """A dbt metric as a catalog metric, with what govern made of it."""

    name: str
    document: Document[Any]  # Document[Metric]: its positions point into the dbt file
    owner: str | None
    group: str | None


class RoutedPositions(LazyPositions):
    """Positions of a metric inside a dbt file, asked for by the catalog's
    paths (``formula``, ``filter``): each goes to where the dbt file says it."""

    def __init__(self, positions: Positions, base: Path, routes: dict[str, Path]) -> None:
        super().__init__("")
        self._positions = positions
        self.base = base
        self.routes = routes

    def _route(self, path: Path) -> Path:
        if path and isinstance(path[0], str) and path[0] in self.routes:
            return self.routes[path[0]]
        return self.base

    def value(self, path: Path) -> Mark:
        # The line that names it (`type_params:`), not the first line inside it.
        return self.key(path)

    def key(self, path: Path) -> Mark:
        return self.get().key(self._route(path))

    def written_key(self, path: Path) -> Mark | None:
        return None


# --- reading ----------------------------------------------------------------------------------


def _path_config(section: Any, project: str, parts: list[str]) -> dict[str, Any]:
    """``group``, ``meta`` and ``enabled`` that ``dbt_project.yml`` sets for a
    resource at ``parts`` (directories, then the file's name) under a section
    (``models:``, ``metrics:``...): the deepest setting wins, as in dbt."""
    out: dict[str, Any] = {}
    node = section.get(project) if isinstance(section, dict) else None
    for part in [None, *parts]:
        if part is not None:
            node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            break
        for key in ("group", "meta", "enabled"):
            for written in (f"+{key}", key):
                value = node.get(written)
                if key == "meta" and isinstance(value, dict):
                    out["meta"] = {**out.get("meta", {}), **value}
                elif key != "meta" and value is not None and not isinstance(value, dict):
                    out[key] = value
    return out


_SQL_CONFIG = re.compile(r"\{\{\s*config\((.*?)\)\s*\}\}", re.DOTALL)
_SQL_GROUP = re.compile(r"""\bgroup\s*=\s*['"]([^'"]+)['"]""")
_SQL_OWNER = re.compile(r"""['"]owner['"]\s*:\s*['"]([^'"]+)['"]""")
_SQL_CONTRACT = re.compile(r"""['"]contract['"]\s*:\s*['"]([^'"]+)['"]""")
_SQL_DISABLED = re.compile(r"\benabled\s*=\s*false\b", re.IGNORECASE)


def _sql_config(text: str) -> dict[str, Any]:
    """What a model's ``{{ config(...) }}`` says of its group, owner, contract
    and whether it is enabled (read as text: dbt renders Jinja, govern does not)."""
    m = _SQL_CONFIG.search(text)
    if m is None:
        return {}
    body = m.group(1)
    out: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    if (g := _SQL_GROUP.search(body)) is not None:
        out["group"] = g.group(1)
    if (o := _SQL_OWNER.search(body)) is not None:
        meta["owner"] = o.group(1)
    if (c := _SQL_CONTRACT.search(body)) is not None:
        meta["contract"] = c.group(1)
    if meta:
        out["meta"] = meta
    if _SQL_DISABLED.search(body):
        out["enabled"] = False
    return out


def _ignored(root: str) -> list[str]:
    """The patterns of ``.dbtignore`` (gitignore-like; dbt skips those files)."""
    try:
        with open(os.path.join(root, ".dbtignore"), encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def _is_ignored(rel: str, patterns: list[str]) -> bool:
    parts = rel.split("/")
    for pattern in patterns:
        pat = pattern.strip("/")
        if "/" in pat:
            if fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(rel, f"{pat}/*"):
                return True
        elif any(fnmatch.fnmatch(part, pat) for part in parts):
            return True
    return False


def load(directory: str, governance_root: str) -> DbtProject:
    """Read the dbt project in ``directory`` (absolute, or relative to the
    current directory). Raises :class:`DbtError` when it is not a dbt project."""
    root = os.path.abspath(directory)
    shown = files.rel(governance_root, root)
    if shown.startswith("../../"):  # far from the repository: the absolute path reads better
        shown = root.replace(os.sep, "/")
    project_file = os.path.join(root, PROJECT_FILE)
    if not os.path.isfile(project_file):
        raise DbtError(f"not a dbt project: no {PROJECT_FILE} in {shown}")
    source = files.read(root, PROJECT_FILE, max_size=MAX_FILE_SIZE)
    where = _join(shown, PROJECT_FILE)
    if source.text is None:
        p = source.problems[0]
        raise DbtError(f"{where}:{p.location.line}:{p.location.column}: {p.message}")
    try:
        settings = parse(source.text).value
    except YamlError as exc:
        raise DbtError(f"{where}:{exc.mark.line}:{exc.mark.column}: {exc.message}") from None
    if not isinstance(settings, dict):
        raise DbtError(f"{where}:1:1: {PROJECT_FILE} must be a mapping of keys")
    name = settings.get("name") if isinstance(settings.get("name"), str) else shown
    model_paths = settings.get("model-paths", settings.get("source-paths", ["models"]))
    if not isinstance(model_paths, list) or not all(isinstance(p, str) for p in model_paths):
        model_paths = ["models"]
    project = DbtProject(str(name))
    yaml_files, sql_files = _discover(root, model_paths, _ignored(root))
    reader = _Reader(project, settings, model_paths)
    for rel in yaml_files:
        shown_path = _join(shown, rel)
        src = files.read(root, rel, max_size=MAX_FILE_SIZE)
        if src.text is None:
            for p in src.problems:
                project.issues.append(
                    DbtIssue(shown_path, p.location.line, p.location.column, p.message)
                )
            continue
        try:
            documents = parse_all(src.text)
        except YamlError as exc:
            project.issues.append(DbtIssue(shown_path, exc.mark.line, exc.mark.column, exc.message))
            continue
        for value, positions, issues in documents:
            for issue in issues:  # duplicate keys: dbt refuses the file, govern says so
                project.issues.append(
                    DbtIssue(shown_path, issue.mark.line, issue.mark.column, issue.message)
                )
            if isinstance(value, dict):
                reader.document(shown_path, value, positions, rel)
    models: dict[str, dict[str, Any]] = {}
    for rel in sql_files:
        config: dict[str, Any] = {}
        if rel.endswith(".sql"):
            src = files.read(root, rel, max_size=MAX_FILE_SIZE)
            config = _sql_config(src.text) if src.text is not None else {}
        models[rel] = config
    reader.finish(models, shown)
    return project


def _join(root: str, rel: str) -> str:
    return rel if root in ("", ".") else f"{root}/{rel}"


def _discover(root: str, model_paths: list[str], ignored: list[str]) -> tuple[list[str], list[str]]:
    """YAML files and models (``.sql``, ``.py``) under the model paths,
    relative to ``root``, but those ``.dbtignore`` names; what leaves the
    project through a symlink is not read."""
    real_root = os.path.realpath(root)
    yaml_files: set[str] = set()
    sql_files: set[str] = set()
    for top in model_paths:
        start = os.path.join(root, top)
        if not os.path.isdir(start) or not files.inside(real_root, start):
            continue
        for dirpath, dirnames, filenames in os.walk(start):
            dirnames[:] = sorted(
                d
                for d in dirnames
                if not d.startswith(".") and files.inside(real_root, os.path.join(dirpath, d))
            )
            for name in filenames:
                if name.startswith("."):
                    continue
                rel = files.rel(root, os.path.join(dirpath, name))
                if _is_ignored(rel, ignored):
                    continue
                if name.endswith(files.YAML_SUFFIXES):
                    yaml_files.add(rel)
                elif name.endswith((".sql", ".py")):
                    sql_files.add(rel)
    return sorted(yaml_files), sorted(sql_files)


def text_of(value: Any) -> str | None:
    """A YAML value as text: numbers as written (`expr: 1`), blank text as none."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)  # `expr: 1` counts rows
    return value.strip() or None if isinstance(value, str) else None


def _list(value: Any) -> list[Any]:
    """A list as written, else nothing (a wrong shape is dbt's to report)."""
    return value if isinstance(value, list) else []


def _ref(value: Any) -> str | None:
    text = text_of(value)
    if text is None:
        return None
    m = _REF.match(text)
    return m.group(1) if m else text


def _filters(value: Any) -> list[str]:
    if isinstance(value, list):
        return [t for v in value if (t := text_of(v))]
    text = text_of(value)
    return [text] if text else []


def _meta(node: dict[str, Any], key: str) -> str | None:
    """``config.meta.<key>``, else ``meta.<key>`` (older dbt)."""
    for holder in (node.get("config"), node):
        if isinstance(holder, dict):
            meta = holder.get("meta")
            if isinstance(meta, dict):
                value = text_of(meta.get(key))
                if value:
                    return value
    return None


def _meta_owner(node: dict[str, Any]) -> str | None:
    return _meta(node, "owner")


def _group(node: dict[str, Any]) -> str | None:
    config = node.get("config")
    if isinstance(config, dict) and text_of(config.get("group")):
        return text_of(config.get("group"))
    return text_of(node.get("group"))


def _enabled(node: dict[str, Any]) -> bool:
    config = node.get("config")
    for holder in (config if isinstance(config, dict) else {}, node):
        if holder.get("enabled") is False:
            return False
    return True


def _parts(rel: str, model_paths: list[str], *, keep_file: bool) -> list[str]:
    """A file's directories under its model path (and its name without the
    suffix): where ``dbt_project.yml`` configuration by path applies."""
    parts = rel.split("/")
    for top in model_paths:
        head = [p for p in top.strip("/").split("/") if p and p != "."]
        if parts[: len(head)] == head:
            parts = parts[len(head) :]
            break
    if keep_file:
        return [*parts[:-1], os.path.splitext(parts[-1])[0]] if parts else []
    return parts[:-1]


_KEY_ENTITIES = {"primary", "unique", "natural"}


class _Reader:
    def __init__(self, project: DbtProject, settings: dict[str, Any], model_paths: list[str]):
        self.project = project
        self.settings = settings
        self.model_paths = model_paths
        # name -> (owner, group, path, line, contract, enabled, directory parts)
        self.models: dict[str, tuple[str | None, str | None, str, int, str | None, bool]] = {}
        self.rel = ""  # the file being read, relative to the project

    def config(self, section: str, name: str | None = None) -> dict[str, Any]:
        """What dbt_project.yml sets for a resource of the file being read."""
        parts = _parts(self.rel, self.model_paths, keep_file=False)
        return _path_config(
            self.settings.get(section), self.project.name, [*parts, *([name] if name else [])]
        )

    def document(self, path: str, doc: dict[str, Any], positions: Positions, rel: str) -> None:
        self.rel = rel

        def items(key: str) -> list[tuple[dict[str, Any], Source]]:
            value = doc.get(key)
            if value is None:
                return []
            if not isinstance(value, list):
                self.project.issue(path, positions.value((key,)), f"`{key}` must be a list")
                return []
            return [
                (item, Source(path, positions, (key, i)))
                for i, item in enumerate(value)
                if isinstance(item, dict)
            ]

        for item, _ in items("groups"):
            name = text_of(item.get("name"))
            owner = item.get("owner")
            if name:
                who = None
                if isinstance(owner, dict):
                    who = text_of(owner.get("name")) or text_of(owner.get("email"))
                self.project.groups[name] = Group(name, who)
        for item, src in items("semantic_models"):
            self.semantic_model(item, src)
        # MetricFlow: one object per document.
        for key in ("semantic_model", "data_source"):
            if isinstance(doc.get(key), dict):
                self.semantic_model(doc[key], Source(path, positions, (key,)))
        for item, src in items("models"):
            self.model(item, src)
        for item, src in items("sources"):
            self.source(item, src)
        for item, src in items("metrics"):
            self.metric(item, src, None)
        if isinstance(doc.get("metric"), dict):
            self.metric(doc["metric"], Source(path, positions, ("metric",)), None)

    def semantic_model(self, node: dict[str, Any], src: Source) -> SemanticModel | None:
        name = text_of(node.get("name"))
        if not name:
            self.project.issue(src, src.mark(), "a semantic model without a `name`: skipped")
            return None
        settings = self.config("semantic-models", name)
        if not _enabled(node) or settings.get("enabled") is False:
            return None
        model = _ref(node.get("model")) or text_of(node.get("sql_table"))
        entities: dict[str, str] = {}
        keys: set[str] = set()
        # `identifiers` is MetricFlow's older name for entities.
        for key in ("entities", "identifiers"):
            for e in _list(node.get(key)):
                if isinstance(e, dict) and text_of(e.get("name")):
                    ename = str(text_of(e.get("name")))
                    entities[ename] = text_of(e.get("expr")) or ename
                    if str(e.get("type", "")).lower() in _KEY_ENTITIES:
                        keys.add(ename)
        dimensions: dict[str, str] = {}
        for d in _list(node.get("dimensions")):
            if isinstance(d, dict) and text_of(d.get("name")):
                dname = str(text_of(d.get("name")))
                dimensions[dname] = text_of(d.get("expr")) or dname
        meta: dict[str, Any] = settings["meta"] if isinstance(settings.get("meta"), dict) else {}
        sm = SemanticModel(
            name,
            model,
            entities,
            dimensions,
            _meta_owner(node) or text_of(meta.get("owner")),
            _group(node) or text_of(settings.get("group")),
            src,
            keys,
        )
        if name in self.project.semantic_models:
            self.project.issue(src, src.mark("name"), f"semantic model `{name}` defined twice")
        self.project.semantic_models[name] = sm
        measures = node.get("measures") or []
        for i, m in enumerate(measures if isinstance(measures, list) else []):
            if isinstance(m, dict):
                self.measure(m, sm, Source(src.path, src.positions, (*src.at, "measures", i)))
        return sm

    def measure(self, node: dict[str, Any], sm: SemanticModel, src: Source) -> None:
        name = text_of(node.get("name"))
        agg = text_of(node.get("agg"))
        if not name or not agg:
            self.project.issue(src, src.mark(), "a measure needs a `name` and an `agg`: skipped")
            return
        if name in self.project.measures:
            first = self.project.measures[name].source
            self.project.issue(
                src,
                src.mark("name"),
                f"measure `{name}` is also defined at {first.path}:{first.mark().line}; "
                "the first is read",
            )
            return
        raw = node.get("agg_params")
        params: dict[str, Any] = raw if isinstance(raw, dict) else {}
        extra = node.get("non_additive_dimension")
        measure = Measure(
            name,
            agg.lower(),
            text_of(node.get("expr")) or name,
            params,
            sm,
            src,
            extra if isinstance(extra, dict) else None,
        )
        self.project.measures[name] = measure
        if node.get("create_metric") is True and name not in self.project.raw_metrics:
            # `create_metric: true` publishes the measure as a simple metric.
            self.project.raw_metrics[name] = RawMetric(
                name,
                "simple",
                text_of(node.get("label")),
                text_of(node.get("description")),
                {"measure": name},
                [],
                None,
                None,
                None,
                src,
                src.at,
            )

    def model(self, node: dict[str, Any], src: Source) -> None:
        name = text_of(node.get("name"))
        if not name:
            return
        owner = _meta_owner(node)
        group = _group(node)
        self.models[name] = (
            owner,
            group,
            src.path,
            src.mark().line,
            _meta(node, "contract"),
            _enabled(node),
        )
        semantic = node.get("semantic_model")
        # Latest spec: the semantic model and its metrics live on the model.
        if semantic is True or (isinstance(semantic, dict) and semantic.get("enabled", True)):
            spec = semantic if isinstance(semantic, dict) else {}
            entities: dict[str, str] = {}
            dimensions: dict[str, str] = {}
            keys: set[str] = set()
            for col in _list(node.get("columns")):
                if not isinstance(col, dict) or not text_of(col.get("name")):
                    continue
                cname = str(text_of(col.get("name")))
                entity = col.get("entity")
                if entity is not None:
                    ename = text_of(entity.get("name")) if isinstance(entity, dict) else None
                    entities[ename or cname] = cname
                    kind = entity.get("type") if isinstance(entity, dict) else entity
                    if str(kind).lower() in _KEY_ENTITIES:
                        keys.add(ename or cname)
                dim = col.get("dimension")
                if dim is not None:
                    dname = text_of(dim.get("name")) if isinstance(dim, dict) else None
                    dimensions[dname or cname] = cname
            sm = SemanticModel(
                text_of(spec.get("name")) or name,
                name,
                entities,
                dimensions,
                _meta_owner(spec) or owner,
                _group(spec) or group,
                Source(src.path, src.positions, (*src.at, "semantic_model")),
                keys,
            )
            self.project.semantic_models[sm.name] = sm
            for key, holder, at in (
                ("metrics", spec, (*src.at, "semantic_model", "metrics")),
                ("metrics", node, (*src.at, "metrics")),
            ):
                listed = holder.get(key)
                for i, m in enumerate(listed if isinstance(listed, list) else []):
                    if isinstance(m, dict):
                        self.metric(m, Source(src.path, src.positions, (*at, i)), sm)

    def source(self, node: dict[str, Any], src: Source) -> None:
        name = text_of(node.get("name"))
        if not name or not _enabled(node):
            return
        schema = text_of(node.get("schema")) or name
        database = text_of(node.get("database"))
        owner = _meta_owner(node)
        tables = node.get("tables") or []
        for i, t in enumerate(tables if isinstance(tables, list) else []):
            if not isinstance(t, dict) or not text_of(t.get("name")) or not _enabled(t):
                continue
            table = str(text_of(t.get("name")))
            identifier = text_of(t.get("identifier")) or table
            names = [f"{name}.{table}", f"{schema}.{identifier}"]
            if database:
                names.append(f"{database}.{schema}.{identifier}")
            names.append(identifier)
            line = src.positions.value((*src.at, "tables", i)).line
            self.project.relations.append(
                Relation(
                    "dbt-source",
                    f"{name}.{table}",
                    tuple(dict.fromkeys(names)),
                    _meta_owner(t) or owner,
                    src.path,
                    line,
                    _meta(t, "contract") or _meta(node, "contract"),
                )
            )

    def metric(self, node: dict[str, Any], src: Source, sm: SemanticModel | None) -> None:
        name = text_of(node.get("name"))
        kind = node.get("type")
        if not name or not isinstance(kind, str) or not kind.strip():
            self.project.issue(src, src.mark(), "a metric needs a `name` and a `type`: skipped")
            return
        settings = self.config("metrics", name)
        if not _enabled(node) or settings.get("enabled") is False:
            return  # disabled: dbt does not build it
        if name in self.project.raw_metrics and self.project.raw_metrics[name].source is not src:
            first = self.project.raw_metrics[name].source
            self.project.issue(
                src,
                src.mark("name"),
                f"metric `{name}` is also defined at {first.path}:{first.mark().line}; "
                "the first is read",
            )
            return
        params = node.get("type_params")
        meta: dict[str, Any] = settings["meta"] if isinstance(settings.get("meta"), dict) else {}
        config: dict[str, Any] = node["config"] if isinstance(node.get("config"), dict) else {}
        hidden = node.get("hidden") is True or config.get("hidden") is True
        self.project.raw_metrics[name] = RawMetric(
            name,
            kind.strip().lower(),
            text_of(node.get("label")),
            text_of(node.get("description")),
            params if isinstance(params, dict) else node,
            _filters(node.get("filter")),
            _meta_owner(node) or text_of(meta.get("owner")),
            _group(node) or text_of(settings.get("group")),
            sm,
            src,
            (*src.at, "type_params") if isinstance(params, dict) else src.at,
            hidden,
        )

    def _group_owner(self, group: str | None) -> str | None:
        if group is None:
            return None
        found = self.project.groups.get(group)
        return found.owner if found else None

    def finish(self, model_files: dict[str, dict[str, Any]], shown: str) -> None:
        """Owners from groups (defined in any file), and the models: those
        the YAML describes and every ``.sql`` and ``.py`` file, with what
        ``dbt_project.yml`` and the file's ``config()`` say of them."""
        for sm in self.project.semantic_models.values():
            if sm.owner is None:
                sm.owner = self._group_owner(sm.group)
        found: dict[str, tuple[str, dict[str, Any]]] = {}
        for rel, sql_config in model_files.items():
            model = os.path.splitext(os.path.basename(rel))[0]
            found.setdefault(model, (rel, sql_config))
        for model in sorted(set(self.models) | set(found)):
            rel, sql_config = found.get(model, ("", {}))
            project_config = _path_config(
                self.settings.get("models"),
                self.project.name,
                _parts(rel, self.model_paths, keep_file=True) if rel else [model],
            )
            layered = {**project_config, **sql_config}
            meta = {**project_config.get("meta", {}), **sql_config.get("meta", {})}
            owner, group, path, line, contract, enabled = self.models.get(
                model, (None, None, _join(shown, rel), 1, None, True)
            )
            if not enabled or layered.get("enabled") is False:
                continue
            owner = owner or text_of(meta.get("owner"))
            group = group or text_of(layered.get("group"))
            contract = contract or text_of(meta.get("contract"))
            who = owner or self._group_owner(group)
            self.project.relations.append(
                Relation("dbt-model", model, (model,), who, path, line, contract)
            )
        self.project.relations.sort(key=lambda r: (r.kind, r.name))
