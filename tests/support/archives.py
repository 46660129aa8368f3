"""Building good archives with our writer, and bad ones by hand with Python's tarfile.

Hand-made archives use :mod:`tarfile` on purpose: an independent writer, so the
reader and verifier are tested against tar as others write it.
"""

from __future__ import annotations

import hashlib
import io
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from ovsdb_backup.archive import ArchiveWriter, DatabaseEntry, Manifest, StoredMember
from ovsdb_backup.archive.codecs import Encoder
from ovsdb_backup.archive.manifest import SEAL_KEY, seal
from ovsdb_backup.archive.reader import ArchiveReader

NB = b'OVSDB JSON 10 0123456789abcdef0123456789abcdef01234567\n{"name":"NB"}\n' * 40
SB = b"southbound " * 500


def build(
    path: Path,
    databases: dict[str, bytes] | None = None,
    *,
    compression: str = "zstd",
    labels: dict[str, str] | None = None,
    **manifest: Any,
) -> Manifest:
    """A good archive of ``databases`` written by our writer."""
    databases = {"OVN_Northbound": NB, "OVN_Southbound": SB} if databases is None else databases
    with ArchiveWriter(path, compression=compression) as archive:
        entries = []
        for name, data in databases.items():
            with archive.database(name) as member:
                for i in range(0, len(data), 1000):
                    member.write(data[i : i + 1000])
            assert member.result is not None
            entries.append(DatabaseEntry.from_stored(member.result, name=name, records=2))
        written = archive.commit(Manifest.new(databases=entries, labels=labels, **manifest))
    return written.manifest


def encode(data: bytes, compression: str) -> bytes:
    out: list[bytes] = []
    encoder = Encoder(compression, out.append, threads=0)
    encoder.write(data)
    encoder.finish()
    return b"".join(out)


def stored(name: str, data: bytes, compression: str = "none") -> tuple[StoredMember, bytes]:
    raw = encode(data, compression)
    facts = StoredMember(
        member=name,
        compression=compression,
        size=len(raw),
        sha256=hashlib.sha256(raw).hexdigest(),
        uncompressed_size=len(data),
        uncompressed_sha256=hashlib.sha256(data).hexdigest(),
    )
    return facts, raw


def info(name: str, size: int = 0, type_: bytes = tarfile.REGTYPE, **attrs: Any) -> tarfile.TarInfo:
    member = tarfile.TarInfo(name)
    member.size = size
    member.type = type_
    member.mode = 0o600
    for key, value in attrs.items():
        setattr(member, key, value)
    return member


def craft(path: Path, members: list[tuple[tarfile.TarInfo, bytes]]) -> None:
    """Write exactly these members with tarfile (pax format)."""
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for member, data in members:
            member.size = len(data) if member.type in (tarfile.REGTYPE, tarfile.AREGTYPE) else 0
            tar.addfile(member, io.BytesIO(data) if data else None)


def manifest_bytes(manifest: Manifest) -> bytes:
    return manifest.to_bytes()


def members_of(path: Path) -> list[tuple[tarfile.TarInfo, bytes]]:
    """The members of a (good) archive, as tarfile reads them."""
    out = []
    with tarfile.open(path) as tar:
        for member in tar.getmembers():
            handle = tar.extractfile(member)
            out.append((member, handle.read() if handle else b""))
    return out


def rewrite_manifest(
    src: Path, dst: Path, change: Callable[[dict[str, Any]], None], *, reseal: bool
) -> None:
    """Copy ``src`` to ``dst`` with its manifest JSON changed by ``change``; ``reseal``
    recomputes the manifest's own SHA-256 (a careful tamperer) or leaves it stale."""
    members = members_of(src)
    member, raw = members[-1]
    data = orjson.loads(raw)
    old_seal = data.pop(SEAL_KEY)
    change(data)
    data[SEAL_KEY] = "0" * 64 if reseal else old_seal
    text = orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"
    members[-1] = (member, seal(text) if reseal else text)
    craft(dst, members)


def open_manifest(path: Path) -> Manifest:
    with ArchiveReader(path) as reader:
        return reader.manifest()
