"""Collecting configuration files for ``--files PATH…`` and the layout presets.

Collection never follows a symbolic link: a link is recorded with its target (so
restore can recreate it), and what it points to is archived only if it is itself
under a collected path. Sockets, FIFOs and devices are skipped with a note; a preset
path that does not exist is reported, not fatal (presets cover several layouts).
Databases are taken online from the servers, so the presets exclude the database
files that live next to the configuration.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from .fsio import group_name, mtime_of, user_name
from .manifest import SkippedFile
from .names import restore_path_problem

# Database files and the lock files ovsdb-server keeps next to them.
_DB_FILES = ("*.db", "*.db.~lock~", "*/.*.~lock~")


@dataclass(frozen=True)
class Preset:
    """A named set of paths for a common deployment layout."""

    name: str
    description: str
    paths: tuple[str, ...]
    exclude: tuple[str, ...] = ()


def _in(directory: str, patterns: tuple[str, ...] = _DB_FILES) -> tuple[str, ...]:
    return tuple(f"{directory}/{p.removeprefix('*/')}" for p in patterns)


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "ovn-central",
            "OVN central node: /etc/ovn and /var/lib/ovn (configuration, PKI), "
            "without the database files",
            ("/etc/ovn", "/var/lib/ovn", "/etc/default/ovn-central", "/etc/sysconfig/ovn"),
            _in("/etc/ovn") + _in("/var/lib/ovn"),
        ),
        Preset(
            "kube-ovn",
            "Kube-OVN: /etc/origin/ovn and /etc/origin/openvswitch, without database files",
            ("/etc/origin/ovn", "/etc/origin/openvswitch"),
            _in("/etc/origin/ovn") + _in("/etc/origin/openvswitch"),
        ),
        Preset(
            "openstack",
            "OpenStack Neutron with ML2/OVN: neutron.conf, ml2_conf.ini and /etc/ovn",
            (
                "/etc/neutron/neutron.conf",
                "/etc/neutron/plugins/ml2/ml2_conf.ini",
                "/etc/ovn",
            ),
            _in("/etc/ovn"),
        ),
        Preset(
            "openvswitch",
            "Open vSwitch: /etc/openvswitch (without conf.db) and its service defaults",
            (
                "/etc/openvswitch",
                "/etc/default/openvswitch-switch",
                "/etc/sysconfig/openvswitch",
            ),
            _in("/etc/openvswitch"),
        ),
        Preset(
            "pki",
            "Certificates and keys: /etc/openvswitch/*.pem, /var/lib/openvswitch/pki, "
            "/etc/ovn/*.pem",
            ("/etc/openvswitch/*.pem", "/var/lib/openvswitch/pki", "/etc/ovn/*.pem"),
        ),
    )
}


@dataclass(frozen=True)
class CollectedFile:
    """One file-system object to archive, with its metadata at collection time."""

    path: str
    type: str  # "file", "symlink" or "directory"
    mode: int
    uid: int
    gid: int
    owner: str | None
    group: str | None
    mtime: float
    size: int
    target: str | None = None
    source: str | None = None  # where to read it, if not at ``path`` (see ``root``)

    @classmethod
    def from_stat(
        cls, path: str, source: str, st: os.stat_result, target: str | None = None
    ) -> CollectedFile:
        if stat.S_ISDIR(st.st_mode):
            type_ = "directory"
        elif stat.S_ISLNK(st.st_mode):
            type_ = "symlink"
        else:
            type_ = "file"
        return cls(
            path=path,
            type=type_,
            mode=stat.S_IMODE(st.st_mode),
            uid=st.st_uid,
            gid=st.st_gid,
            owner=user_name(st.st_uid),
            group=group_name(st.st_gid),
            mtime=mtime_of(st),
            size=st.st_size if type_ == "file" else 0,
            target=target,
            source=source,
        )


@dataclass
class FileCollection:
    """What :func:`collect_files` found.

    ``skipped`` notes everything left out and why (excluded, socket, unreadable, a
    preset path that does not exist …); ``missing_requested`` lists paths the caller
    named explicitly that do not exist, which a command may want to treat as an error.
    """

    files: list[CollectedFile] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    missing_requested: list[str] = field(default_factory=list)

    @property
    def total_size(self) -> int:
        return sum(f.size for f in self.files)


def collect_files(
    paths: Iterable[str] = (),
    *,
    presets: Iterable[str] = (),
    exclude: Iterable[str] = (),
    root: str = "/",
) -> FileCollection:
    """Collect ``paths`` (files or directories, walked) and the paths of ``presets``.

    ``root`` is where the host's file system is mounted (say ``/host`` in a pod with a
    hostPath volume): ``/etc/ovn`` is then read from ``/host/etc/ovn`` but recorded, and
    later restored, as ``/etc/ovn``. ``paths`` are host paths too.

    ``exclude`` holds shell patterns matched against whole absolute paths (``*``
    also matches ``/``); they apply to what walking and preset patterns find, never to
    a path named explicitly. Unknown preset names raise ValueError.
    """
    collector = _Collector(list(exclude), root)
    for name in presets:
        if name not in PRESETS:
            raise ValueError(f"unknown file preset {name!r}; known: {', '.join(PRESETS)}")
        collector.exclude.extend(PRESETS[name].exclude)
    for path in paths:
        collector.add_root(os.path.normpath(os.path.join("/", path)), preset=None)
    for name in presets:
        for path in PRESETS[name].paths:
            collector.add_root(path, preset=name)
    return collector.result


class _Collector:
    """Works on host paths; every file-system call goes through :meth:`src`."""

    def __init__(self, exclude: list[str], root: str) -> None:
        self.exclude = exclude
        self.root = os.path.abspath(root)
        self.result = FileCollection()
        self._seen: set[str] = set()

    def src(self, path: str) -> str:
        return path if self.root == "/" else self.root + path

    def add_root(self, path: str, *, preset: str | None) -> None:
        parent, base = os.path.split(path)
        if any(c in base for c in "*?["):
            self._add_pattern(parent, base, preset)
            return
        try:
            st = os.lstat(self.src(path))
        except FileNotFoundError:
            self._skip(path, "does not exist" + (f" (preset {preset})" if preset else ""))
            if preset is None:
                self.result.missing_requested.append(path)
            return
        except OSError as exc:
            self._skip(path, f"cannot be read: {exc.strerror}")
            return
        self._add(path, st, explicit=preset is None)

    def _add_pattern(self, parent: str, pattern: str, preset: str | None) -> None:
        try:
            st = os.lstat(self.src(parent))
        except OSError:
            self._skip(os.path.join(parent, pattern), f"does not exist (preset {preset})")
            return
        if not stat.S_ISDIR(st.st_mode):
            # A symlinked directory is not followed, as everywhere else.
            self._skip(parent, "not a directory (symbolic links are not followed)")
            return
        try:
            with os.scandir(self.src(parent)) as entries:
                names = sorted(e.name for e in entries if fnmatchcase(e.name, pattern))
        except OSError as exc:
            self._skip(parent, f"cannot be listed: {exc.strerror}")
            return
        for name in names:
            child = os.path.join(parent, name)
            try:
                self._add(child, os.lstat(self.src(child)), explicit=False)
            except OSError as exc:
                self._skip(child, f"cannot be read: {exc.strerror}")

    def _add(self, path: str, st: os.stat_result, *, explicit: bool) -> None:
        """Record ``path`` and, for a directory, everything under it (depth first)."""
        stack = [(path, st, explicit)]
        while stack:
            current, info, named = stack.pop()
            if not self._accept(current, info, named):
                continue
            if stat.S_ISDIR(info.st_mode):
                stack.extend(reversed(self._children(current)))

    def _children(self, directory: str) -> list[tuple[str, os.stat_result, bool]]:
        try:
            with os.scandir(self.src(directory)) as entries:
                found = [
                    (os.path.join(directory, e.name), e.stat(follow_symlinks=False), False)
                    for e in entries
                ]
        except OSError as exc:
            self._skip(directory, f"cannot be listed: {exc.strerror}")
            return []
        return sorted(found, key=lambda item: item[0])

    def _accept(self, path: str, st: os.stat_result, explicit: bool) -> bool:
        if path in self._seen:
            return False
        self._seen.add(path)
        problem = _path_problem(path)
        if problem is not None:
            self._skip(path, problem)
            return False
        if not explicit:
            pattern = next((p for p in self.exclude if fnmatchcase(path, p)), None)
            if pattern is not None:
                self._skip(path, f"excluded by {pattern!r}")
                return False
        mode = st.st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode)):
            self._skip(path, f"{_kind(mode)}: not archived")
            return False
        target = None
        if stat.S_ISLNK(mode):
            try:
                target = os.readlink(self.src(path))
            except OSError as exc:
                self._skip(path, f"symbolic link cannot be read: {exc.strerror}")
                return False
        self.result.files.append(CollectedFile.from_stat(path, self.src(path), st, target))
        return True

    def _skip(self, path: str, reason: str) -> None:
        self.result.skipped.append(SkippedFile(path=path, reason=reason))


def _path_problem(path: str) -> str | None:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        # The manifest is JSON (UTF-8) and pax names are UTF-8.
        return "name is not valid UTF-8: not archived"
    problem = restore_path_problem(path)
    return None if problem is None else f"cannot be archived: {problem}"


def _kind(mode: int) -> str:
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    return "special file"
