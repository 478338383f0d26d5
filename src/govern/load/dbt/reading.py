"""What reading a dbt project keeps from one file to the next: the project
being filled, its ``dbt_project.yml``, the file being read, and the models
the YAML describes (every ``.sql`` file is a model too: they are joined at
the end, once every file is read)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from govern.load.dbt.objects import DbtProject
from govern.load.dbt.project_file import ProjectFile


@dataclass(frozen=True)
class DescribedModel:
    """A model as a YAML file describes it."""

    owner: str | None
    group: str | None
    path: str
    line: int
    contract: str | None
    enabled: bool


@dataclass
class Reading:
    project: DbtProject
    file: ProjectFile
    models: dict[str, DescribedModel] = field(default_factory=dict)
    rel: str = ""  # the file being read, relative to the project

    def config(self, section: str, name: str | None = None) -> dict[str, Any]:
        """What dbt_project.yml sets for a resource of the file being read."""
        parts = self.file.parts(self.rel, keep_file=False)
        return self.file.config(section, [*parts, *([name] if name else [])])
