"""``dbt_project.yml``: the project's name, its ``model-paths``, and the
``+group``, ``+meta`` and ``+enabled`` it sets by directory under ``models:``,
``metrics:`` and ``semantic-models:``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from govern.load import files
from govern.load.dbt.objects import DbtError
from govern.load.yamlpos import YamlError, parse

PROJECT_FILE = "dbt_project.yml"
MAX_FILE_SIZE = 5_000_000


@dataclass(frozen=True)
class ProjectFile:
    name: str
    settings: dict[str, Any]
    model_paths: list[str]

    def config(self, section: str, parts: list[str]) -> dict[str, Any]:
        """``group``, ``meta`` and ``enabled`` set for a resource at ``parts``
        (directories, then its name) under ``section`` (``models``...): the
        deepest setting wins, as in dbt."""
        out: dict[str, Any] = {}
        written = self.settings.get(section)
        node = written.get(self.name) if isinstance(written, dict) else None
        for part in [None, *parts]:
            if part is not None:
                node = node.get(part) if isinstance(node, dict) else None
            if not isinstance(node, dict):
                break
            for key in ("group", "meta", "enabled"):
                for spelled in (f"+{key}", key):
                    value = node.get(spelled)
                    if key == "meta" and isinstance(value, dict):
                        out["meta"] = {**out.get("meta", {}), **value}
                    elif key != "meta" and value is not None and not isinstance(value, dict):
                        out[key] = value
        return out

    def parts(self, rel: str, *, keep_file: bool) -> list[str]:
        """A file's directories under its model path (and its name without the
        suffix): where configuration by path applies."""
        parts = rel.split("/")
        for top in self.model_paths:
            head = [p for p in top.strip("/").split("/") if p and p != "."]
            if parts[: len(head)] == head:
                parts = parts[len(head) :]
                break
        if keep_file:
            return [*parts[:-1], os.path.splitext(parts[-1])[0]] if parts else []
        return parts[:-1]


def read_project_file(root: str, shown: str) -> ProjectFile:
    """``dbt_project.yml`` in ``root`` (``shown`` is how messages name ``root``).
    Raises :class:`DbtError` when it is absent or unreadable: without it there
    is no project to read."""
    if not os.path.isfile(os.path.join(root, PROJECT_FILE)):
        raise DbtError(f"not a dbt project: no {PROJECT_FILE} in {shown}")
    source = files.read(root, PROJECT_FILE, max_size=MAX_FILE_SIZE)
    where = shown_path(shown, PROJECT_FILE)
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
    return ProjectFile(str(name), settings, model_paths)


def shown_path(shown: str, rel: str) -> str:
    """A file of the project as messages name it: ``shown`` is the project's
    directory relative to the governance repository."""
    return rel if shown in ("", ".") else f"{shown}/{rel}"
