"""Neutron releases: alembic revisions → release number → translation profile.

Neutron's schema is versioned by alembic with two branches; the *expand* branch gets
new revisions every cycle, the *contract* branch has been frozen since Newton. So the
expand revision in ``alembic_version`` names the release that last upgraded the
database. The ML2/OVN driver writes a different NB in different releases, so the
release picks the translation profile (:class:`Profile`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError

# Expand-branch revisions per release directory (neutron/db/migration/.../versions/<cycle>/
# expand), Ussuri (16) onwards. c7f8d9e0f1a2 is the head of neutron 29.0.0.
EXPAND_REVISIONS: dict[str, int] = {
    **dict.fromkeys(
        [
            "18a7e90ae768",
            "2217c4222de6",
            "263d454a9655",
            "86274d77933e",
            "Ibac91d24da2",
            "a010322604bc",
            "c3e9d13c4367",
            "d8bdf05313f4",
            "e4e236b0e1ff",
            "e88badaa9591",
            "f4b9654dd40c",
        ],
        16,
    ),
    **dict.fromkeys(
        ["1ea5dab0897a", "49d8622c5221", "I38991de2b4", "dfe425060830", "fd6107509ccd"], 17
    ),
    **dict.fromkeys(
        [
            "1e0744e4ffea",
            "26d1e9f5c766",
            "532aa95457e2",
            "6135a7bd4425",
            "a964d94b4677",
            "f010820fc498",
        ],
        18,
    ),
    **dict.fromkeys(["1bb3393de75d", "8df53b0d2c0e"], 19),
    **dict.fromkeys(
        [
            "1ffef8d6f371",
            "34cf8b009713",
            "76df7844a8c6",
            "ba859d649675",
            "c181bb1d89e4",
            "cd9ef14ccf87",
            "e981acd076d3",
        ],
        20,
    ),
    **dict.fromkeys(
        ["21ff98fabab1", "4e6e655746f6", "5881373af7f5", "659cbedf30a1", "I43e0b669096"], 21
    ),
    "fc153938cdc1": 22,
    **dict.fromkeys(
        [
            "0aefee21cd87",
            "682c319773d7",
            "6f1145bff34c",
            "89c58a70ceba",
            "93f394357a27",
            "b1199a3adbef",
            "c33da356b165",
        ],
        23,
    ),
    "0e6eff810791": 24,
    **dict.fromkeys(["175fa80908e1", "5bcb7b31ec7d"], 25),
    "ad80a9f07c5c": 26,
    "d553edeb540f": 27,
    "b1bca967e19d": 28,
    **dict.fromkeys(["a00aa97899c0", "a1b2c3d4e5f6", "bdae3a00c493", "c7f8d9e0f1a2"], 29),
}

RELEASE_NAMES = {
    16: "Ussuri",
    17: "Victoria",
    18: "Wallaby",
    19: "Xena",
    20: "Yoga",
    21: "Zed",
    22: "2023.1 Antelope",
    23: "2023.2 Bobcat",
    24: "2024.1 Caracal",
    25: "2024.2 Dalmatian",
    26: "2025.1 Epoxy",
    27: "2025.2 Flamingo",
    28: "2026.1 Gazpacho",
    29: "2026.2",
}


@dataclass(frozen=True)
class Profile:
    """What the ML2/OVN driver of one release writes (the differences that matter)."""

    release: int
    # Zed: LRP.gateway_chassis -> Gateway_Chassis; 29: ha_chassis_group -> HA_Chassis_Group.
    gateway_ha_chassis_group: bool
    # Zed: one SNAT per internal IPv4 subnet; 29: one 0.0.0.0/0 SNAT per router.
    snat_per_router: bool
    # 29 writes pvlan_pg_drop with two drop ACLs at priority 1010.
    pvlan_pg_drop: bool
    drop_acl_priority: int
    # 29's extra external_ids / options (see the oracle README, "The NB it produces").
    extended_ids: bool
    # Floating IP QoS rows: 2002 like port QoS in Zed; their own 2003 later, so a FIP's
    # limit wins over the port's on the gateway chassis.
    fip_qos_priority: int = 2002

    @property
    def name(self) -> str:
        return f"{self.release} ({RELEASE_NAMES.get(self.release, '?')})"


PROFILES: dict[int, Profile] = {
    21: Profile(21, False, False, False, 1001, False),
    29: Profile(29, True, True, True, 1000, True, fip_qos_priority=2003),
}


class UnsupportedRelease(InputError):
    """A Neutron release without a translation profile."""


def release_of_revisions(revisions: list[str]) -> int | None:
    """The newest release any of the alembic revisions belongs to (None if unknown)."""
    known = [EXPAND_REVISIONS[r] for r in revisions if r in EXPAND_REVISIONS]
    return max(known) if known else None


def parse_release(text: str) -> int:
    """``21``, ``21.0.0``, ``zed``, ``29`` → release number."""
    t = text.strip().lower()
    for number, name in RELEASE_NAMES.items():
        if t in (name.lower(), name.split()[-1].lower()):
            return number
    head = t.split(".")[0]
    if head.isdigit():
        return int(head)
    raise UnsupportedRelease(
        f"unknown Neutron release {text!r}", hint="give a major version such as 21 or 29"
    )


def profile_for(release: int) -> Profile:
    profile = PROFILES.get(release)
    if profile is None:
        supported = ", ".join(PROFILES[r].name for r in sorted(PROFILES))
        raise UnsupportedRelease(
            f"Neutron release {release} ({RELEASE_NAMES.get(release, 'unknown')}) has no "
            f"translation profile; supported: {supported}",
            hint="pass --neutron-release with the closest supported release to try anyway",
        )
    return profile
