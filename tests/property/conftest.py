from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.ovs_files import make_mini_single_cluster, make_mini_standalone


@pytest.fixture(scope="session")
def mini_standalone(tmp_path_factory: pytest.TempPathFactory, ovs_tools: None) -> bytes:
    return make_mini_standalone(tmp_path_factory.mktemp("mini")).read_bytes()


@pytest.fixture(scope="session")
def mini_cluster(tmp_path_factory: pytest.TempPathFactory, ovs_tools: None) -> bytes:
    return make_mini_single_cluster(tmp_path_factory.mktemp("minic")).read_bytes()


@pytest.fixture(scope="session")
def mini_standalone_path(tmp_path_factory: pytest.TempPathFactory, ovs_tools: None) -> Path:
    return make_mini_standalone(tmp_path_factory.mktemp("minip"))
