"""Durations (``26h``, ``7d``, ``1w2d``) and sizes (``256M``, ``1G``) given on the command line."""

from __future__ import annotations

import re

from ..errors import UsageError

_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)([smhdwy]?)")
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "y": 365 * 86400}
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?)", re.IGNORECASE)
_BYTES = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}


def parse_duration(text: str) -> float:
    """Seconds in ``text``: a number with an optional unit s, m, h, d, w, y; parts add up."""
    value = text.strip().lower()
    pos, total = 0, 0.0
    while pos < len(value):
        match = _DURATION_PART.match(value, pos)
        if match is None or match.end() == pos:
            raise UsageError(f"{text!r}: not a duration (e.g. 90s, 30m, 26h, 7d, 1w)")
        total += float(match.group(1)) * _SECONDS[match.group(2)]
        pos = match.end()
    if not value:
        raise UsageError("empty duration")
    return total


def parse_size(text: str) -> int:
    """Bytes in ``text``: ``256M``, ``1G``, ``512k``, ``100000`` (binary multiples)."""
    match = _SIZE.fullmatch(text.strip())
    if match is None:
        raise UsageError(f"{text!r}: not a size (e.g. 64M, 1G)")
    return int(float(match.group(1)) * _BYTES[match.group(2).lower()])


def format_duration(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if abs(seconds) >= size:
            return f"{seconds / size:.1f}{unit}"
    return f"{seconds:.0f}s"
