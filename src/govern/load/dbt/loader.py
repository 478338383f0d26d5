"""Reading a dbt project: ``dbt_project.yml``, then every YAML file under the
model paths, each document of it handed by key to the module that reads that
kind of object, then the models. A file that cannot be read is an issue (at
its line) and is skipped; the rest is read."""

from __future__ import annotations

import os
from typing import Any

from govern.load import files
from govern.load.dbt.discover import discover
from govern.load.dbt.metrics import read_metric
from govern.load.dbt.objects import DbtIssue, DbtProject, Source
from govern.load.dbt.owners import fill_semantic_model_owners, read_group
from govern.load.dbt.project_file import MAX_FILE_SIZE, read_project_file, shown_path
from govern.load.dbt.reading import Reading
from govern.load.dbt.relations import add_models, read_model, read_source
from govern.load.dbt.semantic_models import read_semantic_model
from govern.load.yamlpos import Positions, YamlError, parse_all


def load(directory: str, governance_root: str) -> DbtProject:
    """Read the dbt project in ``directory`` (absolute, or relative to the
    current directory). Raises :class:`DbtError` when it is not a dbt project."""
    root = os.path.abspath(directory)
    shown = files.rel(governance_root, root)
    if shown.startswith("../../"):  # far from the repository: the absolute path reads better
        shown = root.replace(os.sep, "/")
    project_file = read_project_file(root, shown)
    project = DbtProject(project_file.name)
    yaml_files, model_files = discover(root, project_file.model_paths)
    reading = Reading(project, project_file)
    for rel in yaml_files:
        path = shown_path(shown, rel)
        src = files.read(root, rel, max_size=MAX_FILE_SIZE)
        if src.text is None:
            for p in src.problems:
                project.issues.append(DbtIssue(path, p.location.line, p.location.column, p.message))
            continue
        try:
            documents = parse_all(src.text)
        except YamlError as exc:
            project.issues.append(DbtIssue(path, exc.mark.line, exc.mark.column, exc.message))
            continue
        for value, positions, issues in documents:
            for issue in issues:  # duplicate keys: dbt refuses the file, govern says so
                project.issues.append(
                    DbtIssue(path, issue.mark.line, issue.mark.column, issue.message)
                )
            if isinstance(value, dict):
                reading.rel = rel
                _read_document(reading, path, value, positions)
    fill_semantic_model_owners(project)
    add_models(reading, root, model_files, shown)
    return project


def _read_document(reading: Reading, path: str, doc: dict[str, Any], positions: Positions) -> None:
    project = reading.project

    def items(key: str) -> list[tuple[dict[str, Any], Source]]:
        value = doc.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            project.issue(path, positions.value((key,)), f"`{key}` must be a list")
            return []
        return [
            (item, Source(path, positions, (key, i)))
            for i, item in enumerate(value)
            if isinstance(item, dict)
        ]

    for item, _ in items("groups"):
        read_group(project, item)
    for item, src in items("semantic_models"):
        read_semantic_model(reading, item, src)
    # MetricFlow: one object per document.
    for key in ("semantic_model", "data_source"):
        if isinstance(doc.get(key), dict):
            read_semantic_model(reading, doc[key], Source(path, positions, (key,)))
    for item, src in items("models"):
        read_model(reading, item, src)
    for item, src in items("sources"):
        read_source(reading, item, src)
    for item, src in items("metrics"):
        read_metric(reading, item, src, None)
    if isinstance(doc.get("metric"), dict):
        read_metric(reading, doc["metric"], Source(path, positions, ("metric",)), None)
