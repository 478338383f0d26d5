"""The answers govern keeps between runs, in ``~/.cache/govern``.

A pre-commit hook lints the same files again and again; what is costly to
work out and depends only on a file's text (a formula's analysis, an ODCS
file's schema errors) is kept here, so that a warm run imports neither
sqlglot nor jsonschema. Each kind of answer has its own directory, named
after govern's version and the file times of the libraries that give the
answer: a new release of either starts afresh. ``GOVERN_NO_CACHE=1`` turns
it off, ``GOVERN_CACHE_DIR`` moves it (the tests use both).
"""

from __future__ import annotations

import atexit
import json
import os
from typing import Any

from govern import __version__


class ShardedCache:
    """JSON files of answers, in 256 shards by a hash of the key, so that a
    run reads only the shards of its own keys (a small repository does not
    load the answers of a large one), written at exit when they grew."""

    _MAX_PER_SHARD = 500

    def __init__(self, directory: str | None) -> None:
        self.directory = directory
        self.shards: dict[str, dict[str, Any]] = {}
        self.dirty: set[str] = set()

    def _shard(self, key: str) -> tuple[str, dict[str, Any]]:
        import hashlib

        name = hashlib.sha1(key.encode("utf-8")).hexdigest()[:2]
        shard = self.shards.get(name)
        if shard is None:
            shard = {}
            if self.directory is not None:
                try:
                    with open(os.path.join(self.directory, f"{name}.json"), encoding="utf-8") as fh:
                        loaded = json.load(fh)
                    if isinstance(loaded, dict):
                        shard = loaded
                except (OSError, ValueError):
                    pass  # no cache yet, or a damaged one: start afresh
            self.shards[name] = shard
        return name, shard

    def get(self, key: str) -> Any:
        if self.directory is None:
            return None
        return self._shard(key)[1].get(key)

    def put(self, key: str, value: Any) -> None:
        if self.directory is None:
            return
        name, shard = self._shard(key)
        if not self.dirty:
            atexit.register(self.save)
        shard[key] = value
        self.dirty.add(name)

    def save(self) -> None:
        if self.directory is None:
            return
        try:
            os.makedirs(self.directory, exist_ok=True)
            for name in sorted(self.dirty):
                items = list(self.shards[name].items())[-self._MAX_PER_SHARD :]
                path = os.path.join(self.directory, f"{name}.json")
                tmp = f"{path}.{os.getpid()}.tmp"
                with open(tmp, "w", encoding="utf-8") as fh:
                    json.dump(dict(items), fh)
                os.replace(tmp, path)  # atomic: a concurrent run sees old or new
        except OSError:
            pass  # a read-only home is no reason to fail a lint
        self.dirty.clear()


def open_cache(kind: str, *modules: str) -> ShardedCache:
    """The cache of one kind of answer, given by ``modules`` (importable names,
    found without importing them): stamped with their file times."""
    if os.environ.get("GOVERN_NO_CACHE"):
        return ShardedCache(None)
    import importlib.util

    stamps: list[str] = []
    for module in modules:
        try:
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            spec = None
        if spec is None or spec.origin is None:
            return ShardedCache(None)
        try:
            # A reinstalled library has a new file time: its answers may differ.
            stamps.append(str(os.stat(spec.origin).st_mtime_ns))
        except OSError:
            return ShardedCache(None)
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    base = os.environ.get("GOVERN_CACHE_DIR") or os.path.join(home, "govern")
    return ShardedCache(os.path.join(base, f"{kind}-{__version__}-{'-'.join(stamps)}"))
