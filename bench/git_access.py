"""govern's git plumbing against GitPython, on what `govern breaking` does.

The design card lists GitPython; govern reaches git through its own plumbing
(govern/git/: `git cat-file --batch`, `rev-list`, `diff --raw -z`). This
script times both on the same work in fresh processes: open the repository,
find the files changed between two commits, read each changed file at both
commits, and walk the first-parent history of 20 of them.

    python bench/git_access.py --gitpython-python /path/to/venv/bin/python

The GitPython side runs under an interpreter that has GitPython installed
(govern does not depend on it); without one, only govern's side is timed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOVERN_SIDE = """
import sys
from govern.git import Repo
root, base, head = sys.argv[1:4]
with Repo(root) as repo:
    changed = sorted(repo.changed_paths(base, head, ["contracts"], staged=False))
    size = 0
    for path in changed:
        for sha in (base, head):
            size += len(repo.blob(f"{sha}:{path}") or b"")
    walked = sum(len(repo.first_parent_touching(head, p)) for p in changed[:20])
print(len(changed), size, walked)
"""

GITPYTHON_SIDE = """
import sys
import git
root, base, head = sys.argv[1:4]
repo = git.Repo(root)
a, b = repo.commit(base), repo.commit(head)
changed = sorted(d.a_path or d.b_path for d in a.diff(b, paths=["contracts"]))
size = 0
for path in changed:
    for c in (a, b):
        try:
            size += len((c.tree / path).data_stream.read())
        except KeyError:
            pass
walked = sum(
    len(list(repo.iter_commits(head, paths=p, first_parent=True))) for p in changed[:20]
)
print(len(changed), size, walked)
"""


def git(root: Path, *args: str) -> str:
    who = {"GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@x"}
    who |= {"GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@x"}
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, **who}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True,
                          capture_output=True, text=True).stdout.strip()  # fmt: skip


def build(root: Path, files: int, commits: int) -> tuple[str, str]:
    """``files`` contracts, ``commits`` commits on main each touching one; a
    branch changing 200 of them. Returns (base, head)."""
    (root / "contracts").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    for i in range(files):
        (root / "contracts" / f"c{i:04}.yaml").write_text(f"contract: c{i}\nversion: 1.0.0\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "init")
    for n in range(commits):
        path = root / "contracts" / f"c{n % files:04}.yaml"
        path.write_text(path.read_text() + f"# {n}\n")
        git(root, "commit", "-q", "-am", f"c{n}")
    base = git(root, "rev-parse", "HEAD")
    git(root, "checkout", "-q", "-b", "feature")
    for i in range(0, files, max(1, files // 200)):
        path = root / "contracts" / f"c{i:04}.yaml"
        path.write_text(path.read_text() + "description: changed\n")
    git(root, "commit", "-q", "-am", "change")
    return base, git(root, "rev-parse", "HEAD")


def timed(argv: list[str], runs: int) -> tuple[float, str]:
    times, out = [], ""
    for _ in range(runs + 1):
        start = time.perf_counter()
        out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout.strip()
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:]), out  # the first run warms the caches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--gitpython-python", help="an interpreter that has GitPython")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        base, head = build(root, args.files, args.commits)
        floor, _ = timed([sys.executable, "-c", "pass"], args.runs)
        rows = [("python -c pass", floor, "")]
        t, out = timed([sys.executable, "-c", GOVERN_SIDE, str(root), base, head], args.runs)
        rows.append(("govern.git", t, out))
        if args.gitpython_python:
            gp = [args.gitpython_python, "-c", GITPYTHON_SIDE, str(root), base, head]
            t, out = timed(gp, args.runs)
            rows.append(("GitPython", t, out))
        print(f"{args.files} files, {args.commits} commits; median of {args.runs} runs")
        print("side           seconds  x python -c pass  (changed, bytes read, commits walked)")
        for name, seconds, result in rows:
            print(f"{name:<14} {seconds:7.3f}  {seconds / floor:16.1f}  {result}")


if __name__ == "__main__":
    main()
