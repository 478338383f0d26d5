"""dbt models and source tables: the data flows ``govern coverage`` expects a
contract to promise. A model is what ``models:`` describes and every ``.sql``
and ``.py`` file under the model paths (its file name is its name), with the
owner, group, contract and ``enabled`` that its YAML, its ``config()`` and
``dbt_project.yml`` give it."""

from __future__ import annotations

import os
import re
from typing import Any

from govern.load import files
from govern.load.dbt.node import enabled, group_of, meta, meta_owner, text_of
from govern.load.dbt.objects import Relation, Source
from govern.load.dbt.owners import group_owner
from govern.load.dbt.project_file import MAX_FILE_SIZE, shown_path
from govern.load.dbt.reading import DescribedModel, Reading
from govern.load.dbt.semantic_models import read_model_semantic_model

_SQL_CONFIG = re.compile(r"\{\{\s*config\((.*?)\)\s*\}\}", re.DOTALL)
_SQL_GROUP = re.compile(r"""\bgroup\s*=\s*['"]([^'"]+)['"]""")
_SQL_OWNER = re.compile(r"""['"]owner['"]\s*:\s*['"]([^'"]+)['"]""")
_SQL_CONTRACT = re.compile(r"""['"]contract['"]\s*:\s*['"]([^'"]+)['"]""")
_SQL_DISABLED = re.compile(r"\benabled\s*=\s*false\b", re.IGNORECASE)


def read_model(reading: Reading, node: dict[str, Any], src: Source) -> None:
    """A model of ``models:``; kept until :func:`add_models` joins it with its file."""
    name = text_of(node.get("name"))
    if not name:
        return
    owner = meta_owner(node)
    group = group_of(node)
    reading.models[name] = DescribedModel(
        owner, group, src.path, src.mark().line, meta(node, "contract"), enabled(node)
    )
    read_model_semantic_model(reading, node, src, name=name, owner=owner, group=group)


def read_source(reading: Reading, node: dict[str, Any], src: Source) -> None:
    """A source of ``sources:``: each table is a relation that a contract may
    call ``source.table``, ``schema.identifier``, with its database, or the
    identifier alone."""
    name = text_of(node.get("name"))
    if not name or not enabled(node):
        return
    schema = text_of(node.get("schema")) or name
    database = text_of(node.get("database"))
    owner = meta_owner(node)
    tables = node.get("tables") or []
    for i, t in enumerate(tables if isinstance(tables, list) else []):
        if not isinstance(t, dict) or not text_of(t.get("name")) or not enabled(t):
            continue
        table = str(text_of(t.get("name")))
        identifier = text_of(t.get("identifier")) or table
        names = [f"{name}.{table}", f"{schema}.{identifier}"]
        if database:
            names.append(f"{database}.{schema}.{identifier}")
        names.append(identifier)
        line = src.positions.value((*src.at, "tables", i)).line
        reading.project.relations.append(
            Relation(
                "dbt-source",
                f"{name}.{table}",
                tuple(dict.fromkeys(names)),
                meta_owner(t) or owner,
                src.path,
                line,
                meta(t, "contract") or meta(node, "contract"),
            )
        )


def add_models(reading: Reading, root: str, model_files: list[str], shown: str) -> None:
    """The models, once every YAML file is read: those the YAML describes and
    every file of ``model_files`` (relative to ``root``), with what
    ``dbt_project.yml`` and the file's ``config()`` say of them; then every
    relation in order."""
    project = reading.project
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for rel in model_files:
        sql_config: dict[str, Any] = {}
        if rel.endswith(".sql"):
            src = files.read(root, rel, max_size=MAX_FILE_SIZE)
            sql_config = _sql_config(src.text) if src.text is not None else {}
        model = os.path.splitext(os.path.basename(rel))[0]
        found.setdefault(model, (rel, sql_config))
    for model in sorted(set(reading.models) | set(found)):
        rel, sql_config = found.get(model, ("", {}))
        project_config = reading.file.config(
            "models", reading.file.parts(rel, keep_file=True) if rel else [model]
        )
        layered = {**project_config, **sql_config}
        layered_meta = {**project_config.get("meta", {}), **sql_config.get("meta", {})}
        described = reading.models.get(model) or DescribedModel(
            None, None, shown_path(shown, rel), 1, None, True
        )
        if not described.enabled or layered.get("enabled") is False:
            continue
        owner = described.owner or text_of(layered_meta.get("owner"))
        group = described.group or text_of(layered.get("group"))
        contract = described.contract or text_of(layered_meta.get("contract"))
        who = owner or group_owner(project, group)
        project.relations.append(
            Relation("dbt-model", model, (model,), who, described.path, described.line, contract)
        )
    project.relations.sort(key=lambda r: (r.kind, r.name))


def _sql_config(text: str) -> dict[str, Any]:
    """What a model's ``{{ config(...) }}`` says of its group, owner, contract
    and whether it is enabled (read as text: dbt renders Jinja, govern does not)."""
    m = _SQL_CONFIG.search(text)
    if m is None:
        return {}
    body = m.group(1)
    out: dict[str, Any] = {}
    found: dict[str, Any] = {}
    if (g := _SQL_GROUP.search(body)) is not None:
        out["group"] = g.group(1)
    if (o := _SQL_OWNER.search(body)) is not None:
        found["owner"] = o.group(1)
    if (c := _SQL_CONTRACT.search(body)) is not None:
        found["contract"] = c.group(1)
    if found:
        out["meta"] = found
    if _SQL_DISABLED.search(body):
        out["enabled"] = False
    return out
