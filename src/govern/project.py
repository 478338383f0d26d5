"""One way in: the governance repository a command works on, opened once.

Every command that reads the repository starts here: where its root is, its
configuration (held to the base branch's where a base is known: a pull
request must not relax the check that judges it, docs/security.md), the
governed files read into a catalog (once, on first use), and the dbt project
when one is configured. Commands then compute and emit; none of them finds a
root or reads a configuration its own way."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from govern.config import Config, LoadedConfig
from govern.repo import find_root

if TYPE_CHECKING:
    from govern.engine import Loaded
    from govern.floor import ConfigChange
    from govern.load.dbt import DbtProject


@dataclass
class Project:
    root: str
    loaded: LoadedConfig  # the working tree's own configuration
    config: Config  # what the run is held to: ``loaded``, or never looser than the base's
    relaxed: list[ConfigChange] = field(default_factory=list)  # looser than the base's
    color: bool = False  # for what is said on stderr
    _repository: Loaded | None = None

    @classmethod
    def open(
        cls,
        repo: str | None,
        *,
        against: str | None = None,
        color: bool = False,
        hold: bool = True,
    ) -> Project:
        """The repository at ``--repo`` (or found from the current directory),
        its configuration held to the base at ``against`` (or, in a GitHub pull
        request, ``origin/$GITHUB_BASE_REF``), saying on stderr what a reader
        should know: a relaxation held to the base, a base that cannot be read.
        ``hold=False``: the caller holds it to the base itself (`breaking`
        does, at the merge base it computes)."""
        from govern import config as config_mod
        from govern.rules import resolve

        root = find_root(repo)
        loaded = config_mod.load(root, resolve)
        project = cls(root, loaded, loaded.config, color=color)
        if hold:
            project._hold_to_base(against)
        return project

    def say(self, label: str, message: str) -> None:
        """One line on stderr: ``warning: ...``, ``note: ...``, ``error: ...``."""
        from govern.reporters.text import error_line  # Rich only when there is a word to say

        error_line(message, color=self.color, label=label)

    def _hold_to_base(self, against: str | None) -> None:
        """Outside a pull request (a laptop, a pre-commit hook) nothing is read
        from git: the working tree's configuration is used as it is."""
        ref = against
        if ref is None and os.environ.get("GITHUB_BASE_REF"):
            ref = f"origin/{os.environ['GITHUB_BASE_REF']}"
        if ref is None:
            return
        from govern.config import ConfigError, load_from
        from govern.floor import config_changes, floor
        from govern.git import GitError, Repo
        from govern.rules import REGISTRY, resolve

        try:
            with Repo(self.root) as repo:
                base = repo.merge_base(repo.resolve(ref), repo.resolve("HEAD"))
                base_config = load_from(lambda name: repo.blob(f"{base}:{name}"), resolve).config
        except (GitError, ConfigError) as exc:
            if against is not None:
                raise  # asked for by name: exit 2
            self.say(
                "warning",
                f"the base branch's configuration could not be read ({exc}): this run is "
                "judged by the branch's own configuration; fetch the base branch (docs/ci.md)",
            )
            return

        def default(code: str) -> str:
            return REGISTRY[code].severity.value

        self.relaxed = [
            c
            for c in config_changes(base_config, self.loaded.config, default)
            if c.change == "config-relaxed"
        ]
        for change in self.relaxed:
            self.say(
                "note",
                f"{self.loaded.source or 'the configuration'}: `{change.element}` is looser "
                f"than on {ref} ({change.detail}): held to {ref}'s",
            )
        self.config = floor(self.loaded.config, base_config, default)

    def repository(self) -> Loaded:
        """Every governed file, read into the catalog (once)."""
        if self._repository is None:
            from govern.engine import load_repository

            self._repository = load_repository(self.root, self.config)
        return self._repository

    def dbt(self, option: str | None) -> tuple[DbtProject | None, list[str]]:
        """The dbt project (``--dbt-project``, else govern.yaml's) and the
        warnings reading it gave; the catalog knows it from then on."""
        from govern.load.dbt.configured import read_configured

        project, warnings = read_configured(self.root, self.config, option)
        self.repository().catalog.dbt = project
        return project, warnings

    def no_files_hint(self) -> str:
        """Where govern looked, for a repository with no governed file."""
        from govern.engine import governed_dirs

        dirs = ", ".join(f"{d}/" for d in governed_dirs(self.config))
        return f"no governed YAML files under {dirs} in {self.root}"

    def warn_unread(self, empty: str, partial: str | None = None) -> None:
        """Say so when there was nothing to read (``empty`` says what follows),
        or, for a report, when some files could not be read (``partial``)."""
        loaded = self.repository()
        if loaded.files == 0:
            self.say("warning", f"{self.no_files_hint()}{empty}")
        elif partial is not None and loaded.problems:
            n = len(loaded.problems)
            self.say(
                "warning",
                f"{n} problem{'s' if n != 1 else ''} reading the governed files (`govern lint` "
                f"shows them); {partial}",
            )

    def base_ref(self, given: str | None) -> str:
        """What `breaking` and `diff` compare with: ``--against``; in a pull request
        on GitHub Actions, its base branch; else `breaking.against` in govern.yaml."""
        from govern.repo import UsageError

        if given:
            return given
        if os.environ.get("GITHUB_BASE_REF"):
            return f"origin/{os.environ['GITHUB_BASE_REF']}"
        if self.loaded.config.breaking.against:
            return self.loaded.config.breaking.against
        raise UsageError(
            "no base to compare with: pass --against REF (for example --against main), "
            "or set `breaking: {against: main}` in govern.yaml"
        )
