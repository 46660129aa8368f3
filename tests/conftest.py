"""Shared fixtures. Real Open vSwitch tools are required: their absence fails loudly."""

from __future__ import annotations

import shutil

import pytest

REQUIRED_TOOLS = ("ovsdb-server", "ovsdb-tool", "ovsdb-client", "ovs-appctl")


@pytest.fixture(scope="session")
def ovs_tools() -> None:
    """Fail (never skip) when the Open vSwitch binaries the tests need are missing."""
    missing = [tool for tool in REQUIRED_TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(
            f"missing Open vSwitch tools: {', '.join(missing)} "
            "(install Debian's openvswitch-switch openvswitch-common ovn-central)",
            pytrace=False,
        )
