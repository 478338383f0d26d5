"""The only package that talks to git.

Blobs are read from git objects through one ``git cat-file --batch`` process,
never by checking anything out. Every ref a user gives is checked (``-`` at the
start is refused) and passed after ``--end-of-options``, so that no ref can
become an option.

Paths are untrusted too: a file name may hold spaces, newlines or bytes that
are not UTF-8. Every list of paths is read NUL-separated (``-z``), never split
on whitespace; names are decoded with ``surrogateescape`` (as ``os.fsdecode``
does, and as the working tree's files are named by ``os.walk``), so each one
goes back to git byte for byte; and every pathspec is literal
(``GIT_LITERAL_PATHSPECS``): a file called ``*.yaml`` names only itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import GitError
from .plumbing import (
    _BATCH_FORMAT,
    _FOUND,
    _SAFE,
    _bytes,
    _dated_lines,
    _env,
    _fs,
    _is_sha,
    _nul,
    _read,
    _time,
)

__all__ = ["Commit", "GitError", "Repo"]


@dataclass(frozen=True)
class Commit:
    sha: str
    time: dt.datetime  # committer date, UTC

    @property
    def short(self) -> str:
        return self.sha[:7]


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
                [b"git", *_SAFE, *(_bytes(a) for a in args)],
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
        return _fs(done.stdout)

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
            out = self._run("log", "-1", "--format=%H %ct", "--end-of-options", sha)
            rows = _dated_lines(out)
            if not rows:
                raise GitError(f"unknown commit {sha[:12]}")
            self._times[sha] = _time(*rows[0])
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
        for sha, stamp in _dated_lines(out):
            # Every commit counts: one left out (an unreadable date) would
            # join two runs of a notice into one.
            time = _time(sha, stamp)
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
        out = self._run("rev-list", "--first-parent", "--format=%H %ct", "--no-commit-header",
                        "--end-of-options", sha)  # fmt: skip
        latest, latest_sha = -1, sha
        for row_sha, stamp in _dated_lines(out):
            if not stamp.isascii() or not stamp.isdigit():
                _time(row_sha, stamp)  # raises, naming the commit
            if int(stamp) > latest:
                latest, latest_sha = int(stamp), row_sha
        if latest < 0:
            raise GitError(f"unknown commit {sha[:12]}")
        return _time(latest_sha, str(latest))

    def find_files(self, commit: str, needle: str | Iterable[str], dirs: list[str]) -> list[str]:
        """Files under ``dirs`` at ``commit`` whose text contains ``needle``
        (or any of several).

        ``commit`` is a full sha read from git, never a user's ref. `git grep`
        takes ``--end-of-options`` for a revision (git 2.39: "unable to resolve
        revision: --end-of-options"), so the sha is checked instead.
        Exit 1 is "no match"; any other failure is an error, never "no file"."""
        if not _is_sha(commit):
            raise GitError(f"not a commit id: {commit!r}")
        needles = [needle] if isinstance(needle, str) else sorted(set(needle))
        if not needles:
            return []
        patterns = [arg for n in needles for arg in ("-e", n)]
        out = self._run(
            "grep", "-l", "-z", "-F", "--no-recurse-submodules", "--no-textconv", *patterns,
            commit, "--", *dirs, ok=(0, 1),
        )  # fmt: skip
        prefix = f"{commit}:"
        return [p[len(prefix) :] if p.startswith(prefix) else p for p in _nul(out)]

    # --- trees and blobs --------------------------------------------------------------------

    def list_files(self, commit: str, dirs: list[str]) -> list[str]:
        out = self._run(
            "ls-tree", "-r", "-z", "--name-only", "--end-of-options", commit, "--", *dirs
        )
        return sorted(_nul(out))

    def staged_files(self, dirs: list[str]) -> list[str]:
        out = self._run("ls-files", "-z", "--cached", "--", *dirs)
        return sorted(_nul(out))

    def blob(self, spec: str) -> bytes | None:
        """Content of ``commit:path`` (or ``:path`` for the index); None when absent.

        Requests are NUL-terminated (``-z``), so a path may hold a newline or
        a space. An object found is announced by a header of three fields; an
        absent one by the request itself and `` missing`` (which then spans
        as many lines as the path does), read back exactly."""
        commit, _, path = spec.partition(":")
        request = _bytes(f"{commit}:{self.prefix}{path}")  # cat-file reads from the top level
        proc = self._batch_process()
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(request + b"\0")
        proc.stdin.flush()
        header = proc.stdout.readline()
        found = _FOUND.fullmatch(header)
        if found is None:
            expected = request + b" missing\n"
            rest = len(expected) - len(header)
            if rest < 0 or not expected.startswith(header):
                self._broken(spec, header)
            reply = header + (proc.stdout.read(rest) if rest else b"")
            if reply != expected:
                self._broken(spec, reply)
            return None
        size = int(found.group(3))
        data = proc.stdout.read(size)
        proc.stdout.read(1)  # the newline after the content
        if len(data) != size:
            self._broken(spec, header)
        return data if found.group(2) == b"blob" else None  # a tree or a submodule: no file

    def _broken(self, spec: str, reply: bytes) -> None:
        """git cat-file said something else than an object or "missing": stop
        it (its output can no longer be followed) and say so."""
        if self._batch is not None:
            self._batch.kill()
            self._batch.wait()
            self._batch = None
        shown = _fs(reply[:120])
        raise GitError(f"git cat-file could not read {spec!r}: {shown!r}")

    def _batch_process(self) -> subprocess.Popen[bytes]:
        if self._batch is None:
            self._batch = subprocess.Popen(
                ["git", *(a.decode() for a in _SAFE), "cat-file", f"--batch={_BATCH_FORMAT}", "-z"],
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
        are relative to ``root`` (``--relative``), like every other path here.

        A submodule (or a repository nested in the working tree) whose entry
        changed is refused: its files are not this repository's objects, so
        their changes could not be judged, and a silent pass is no verdict."""
        args = ["diff", "--raw", "-z", "--relative", "--no-renames", "--ignore-submodules=none"]
        if head is not None:
            args += ["--end-of-options", base, head]
        else:
            # The index against `base` (object ids only): `git diff` against the
            # working tree would run the repository's clean filters on the
            # files it re-hashes. The working tree is compared with the index
            # below, by hashing its files here.
            args += ["--cached", "--end-of-options", base]
        fields = self._run(*args, "--", *dirs).split("\0")
        out: set[str] = set()
        if head is None and not staged:
            out |= self._worktree_changes(dirs)
        # `:<old mode> <new mode> <old id> <new id> <status>` NUL `<path>` NUL
        for meta, path in zip(fields[0::2], fields[1::2], strict=False):
            if not meta.startswith(":") or not path:
                continue
            modes = meta[1:].split(" ")[:2]
            if "160000" in modes:
                raise GitError(
                    f"{path} is a git submodule inside a governed directory and it changed: "
                    "`govern breaking` cannot compare the files of a submodule, so it refuses "
                    "rather than pass them unseen (keep contracts and metrics in this repository)"
                )
            out.add(path)
        if head is None and not staged:
            untracked = self._run("ls-files", "--others", "--exclude-standard", "-z", "--", *dirs)
            for path in _nul(untracked):
                if path.endswith("/"):  # git lists a nested repository as its directory
                    raise GitError(
                        f"{path} is a git repository nested inside a governed directory: "
                        "`govern breaking` cannot compare its files, so it refuses rather than "
                        "pass them unseen"
                    )
                out.add(path)
        return out

    def _worktree_changes(self, dirs: list[str]) -> set[str]:
        """Tracked paths under ``dirs`` whose working-tree file differs from
        the index: each file hashed as git hashes a blob, with no filter, no
        fsmonitor, nothing of the repository's run. A submodule's checkout is
        compared by git itself (only those paths: no superproject file)."""
        out: set[str] = set()
        gitlinks: list[str] = []
        for entry in _nul(self._run("ls-files", "-s", "-z", "--", *dirs)):
            meta, _, path = entry.partition("\t")
            mode, oid = meta.split(" ")[:2]
            if mode == "160000":
                gitlinks.append(path)
                continue
            full = os.path.join(self.path, path)
            try:
                data = _bytes(os.readlink(full)) if mode == "120000" else _read(full)
            except OSError:
                out.add(path)  # deleted (or unreadable): the head has no such file
                continue
            digest = hashlib.sha1 if len(oid) == 40 else hashlib.sha256
            if digest(b"blob %d\0" % len(data) + data).hexdigest() != oid:
                out.add(path)
        if gitlinks:
            raw = self._run("diff", "--raw", "-z", "--ignore-submodules=none", "--", *gitlinks)
            for path in _nul(raw)[1::2]:
                raise GitError(
                    f"{path} is a git submodule inside a governed directory and it changed: "
                    "`govern breaking` cannot compare the files of a submodule, so it refuses "
                    "rather than pass them unseen (keep contracts and metrics in this repository)"
                )
        return out
