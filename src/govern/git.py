"""The only module that talks to git.

Blobs are read from git objects through one ``git cat-file --batch`` process,
never by checking anything out. Every ref a user gives is checked (``-`` at the
start is refused) and passed after ``--end-of-options``, so that no ref can
become an option.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass


class GitError(Exception):
    """A git problem the user must fix (exit 2): not a repository, unknown
    ref, unrelated histories, history too shallow."""


@dataclass(frozen=True)
class Commit:
    sha: str
    time: dt.datetime  # committer date, UTC

    @property
    def short(self) -> str:
        return self.sha[:7]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # Plain, stable output whatever the user's configuration says.
    env.update({"LC_ALL": "C", "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"})
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    return env


def _is_sha(text: str) -> bool:
    return len(text) in (40, 64) and all(c in "0123456789abcdef" for c in text)


class Repo:
    """The git repository that holds the governance repository at ``path``.

    Every path in and out is relative to ``path`` (``root``), which need not be
    git's top level: govern.yaml may sit in a directory of a larger repository.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        try:
            # A work tree (not a bare repository), and where `path` is in it.
            lines = self._run("rev-parse", "--show-toplevel", "--show-prefix").splitlines()
            self.prefix = lines[1] if len(lines) > 1 else ""  # "gov/", or "" at the top
        except GitError:
            raise GitError(f"{path} is not a git repository (or git is not installed)") from None
        self.root = os.path.abspath(path)
        self._batch: subprocess.Popen[bytes] | None = None
        self._times: dict[str, dt.datetime] = {}

    # --- plumbing ---------------------------------------------------------------------------

    def _run(self, *args: str, check: bool = True, ok: tuple[int, ...] = (0,)) -> str:
        """git's output; with ``check``, an exit code outside ``ok`` is a GitError."""
        try:
            done = subprocess.run(
                ["git", *args],
                cwd=self.path,
                env=_env(),
                capture_output=True,
                check=False,
            )
        except FileNotFoundError:
            raise GitError("git is not installed (or not on PATH)") from None
        if check and done.returncode not in ok:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(message[-1] if message else f"git {args[0]} failed")
        return done.stdout.decode("utf-8", "replace")

    def close(self) -> None:
        if self._batch is not None:
            if self._batch.stdin:
                self._batch.stdin.close()
            self._batch.wait()
            self._batch = None

    def __enter__(self) -> Repo:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- refs and commits -------------------------------------------------------------------

    def resolve(self, ref: str) -> str:
        """The commit a user's ref names."""
        if not ref or ref.startswith("-"):
            raise GitError(f"refusing ref {ref!r}: a ref cannot start with '-'")
        out = self._run(
            "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}", check=False
        ).strip()
        if not out:
            raise GitError(f"unknown ref {ref!r} (fetch it, or check its name)")
        return out

    def merge_base(self, a: str, b: str) -> str:
        out = self._run("merge-base", "--end-of-options", a, b, check=False).strip()
        if not out and self.is_shallow():
            # CI's default (a depth-1 clone): the common history is not fetched.
            raise GitError(
                f"{a[:12]} and {b[:12]} have no common history in this shallow clone: "
                "fetch it (git fetch --unshallow), then run again"
            )
        if not out:
            raise GitError(f"{a[:12]} and {b[:12]} have no common history (unrelated histories)")
        return out.splitlines()[0]

    def commit(self, sha: str) -> Commit:
        if sha not in self._times:
            out = self._run("log", "-1", "--format=%H %ct", "--end-of-options", sha).split()
            self._times[sha] = dt.datetime.fromtimestamp(int(out[1]), dt.timezone.utc)
        return Commit(sha, self._times[sha])

    def is_shallow(self) -> bool:
        return self._run("rev-parse", "--is-shallow-repository").strip() == "true"

    def shallow_commits(self) -> set[str]:
        path = self._run("rev-parse", "--git-path", "shallow").strip()
        full = path if os.path.isabs(path) else os.path.join(self.path, path)
        try:
            with open(full, encoding="ascii") as fh:
                return {line.strip() for line in fh if line.strip()}
        except OSError:
            return set()

    def first_parent_touching(self, start: str, path: str) -> list[Commit]:
        """First-parent commits from ``start`` back that changed ``path``, newest
        first. Between two of them the file is the same, so only these need
        reading to follow what the file said over time."""
        out = self._run(
            "rev-list", "--first-parent", "--format=%H %ct", "--no-commit-header",
            "--end-of-options", start, "--", path,
        )  # fmt: skip
        commits = []
        for line in out.splitlines():
            sha, _, stamp = line.partition(" ")
            if stamp:
                time = dt.datetime.fromtimestamp(int(stamp), dt.timezone.utc)
                self._times[sha] = time
                commits.append(Commit(sha, time))
        return commits

    def first_parent_parent(self, sha: str) -> str | None:
        out = self._run("rev-list", "--first-parent", "--max-count=2", "--end-of-options", sha)
        shas = out.split()
        return shas[1] if len(shas) > 1 else None

    def first_parent_entry(self, base: str, tip: str) -> str:
        """Where ``base`` (an ancestor of ``tip``) joined ``tip``'s first-parent
        history: ``base`` itself when it is on it, else the merge that brought
        it in (``base`` is then a commit of a merged side branch)."""
        out = self._run(
            "rev-list", "--first-parent", "--ancestry-path", "--end-of-options", tip, f"^{base}"
        ).split()
        if not out:
            return base
        oldest = out[-1]
        return base if self.first_parent_parent(oldest) == base else oldest

    def remotes(self) -> set[str]:
        return set(self._run("remote").split())

    def latest_time_up_to(self, sha: str) -> dt.datetime:
        """The latest committer date of ``sha`` and its first-parent ancestors.

        A commit's own date can be backdated by whoever made it, and a fast
        forward puts such a commit on the base branch as it is; but it cannot
        have been added before the commits it sits on. So a notice is dated no
        earlier than any older commit of the base branch."""
        out = self._run("rev-list", "--first-parent", "--format=%ct", "--no-commit-header",
                        "--end-of-options", sha)  # fmt: skip
        latest = max(int(t) for t in out.split())
        return dt.datetime.fromtimestamp(latest, dt.timezone.utc)

    def find_files(self, commit: str, needle: str, dirs: list[str]) -> list[str]:
        """Files under ``dirs`` at ``commit`` whose text contains ``needle``.

        ``commit`` is a full sha read from git, never a user's ref. `git grep`
        takes ``--end-of-options`` for a revision (git 2.39: "unable to resolve
        revision: --end-of-options"), so the sha is checked instead.
        Exit 1 is "no match"; any other failure is an error, never "no file"."""
        if not _is_sha(commit):
            raise GitError(f"not a commit id: {commit!r}")
        out = self._run("grep", "-l", "-F", "-e", needle, commit, "--", *dirs, ok=(0, 1))
        prefix = f"{commit}:"
        return [
            line[len(prefix) :] if line.startswith(prefix) else line for line in out.splitlines()
        ]

    # --- trees and blobs --------------------------------------------------------------------

    def list_files(self, commit: str, dirs: list[str]) -> list[str]:
        out = self._run(
            "ls-tree", "-r", "-z", "--name-only", "--end-of-options", commit, "--", *dirs
        )
        return sorted(p for p in out.split("\0") if p)

    def staged_files(self, dirs: list[str]) -> list[str]:
        out = self._run("ls-files", "-z", "--cached", "--", *dirs)
        return sorted(p for p in out.split("\0") if p)

    def blob(self, spec: str) -> bytes | None:
        """Content of ``commit:path`` (or ``:path`` for the index); None when absent."""
        commit, _, path = spec.partition(":")
        spec = f"{commit}:{self.prefix}{path}"  # cat-file reads paths from the top level
        proc = self._batch_process()
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(spec.encode("utf-8") + b"\n")
        proc.stdin.flush()
        header = proc.stdout.readline().decode("utf-8", "replace").split()
        if len(header) != 3 or header[1] != "blob":
            if len(header) == 3:  # a tree or a commit: consume it
                proc.stdout.read(int(header[2]) + 1)
            return None
        data = proc.stdout.read(int(header[2]))
        proc.stdout.read(1)  # the newline after the content
        return data

    def _batch_process(self) -> subprocess.Popen[bytes]:
        if self._batch is None:
            self._batch = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=self.path,
                env=_env(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        return self._batch

    def changed_paths(
        self, base: str, head: str | None, dirs: list[str], *, staged: bool
    ) -> set[str]:
        """Paths under ``dirs`` that differ between ``base`` and the head: a commit
        (``head``), the index (``staged``), or the working tree with its untracked
        files. Only these need reading: an unchanged file holds no change. Paths
        are relative to ``root`` (``--relative``), like every other path here."""
        if head is not None:
            args = ["diff", "--name-only", "--relative", "-z", "--no-renames", "--end-of-options",
                    base, head]  # fmt: skip
        elif staged:
            args = [
                "diff",
                "--cached",
                "--name-only",
                "--relative",
                "-z",
                "--no-renames",
                "--end-of-options",
                base,
            ]
        else:
            args = ["diff", "--name-only", "--relative", "-z", "--no-renames", "--end-of-options",
                    base]  # fmt: skip
        out = set(p for p in self._run(*args, "--", *dirs).split("\0") if p)
        if head is None and not staged:
            untracked = self._run("ls-files", "--others", "--exclude-standard", "-z", "--", *dirs)
            out |= {p for p in untracked.split("\0") if p}
        return out
