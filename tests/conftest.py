"""Test configuration: Hypothesis profiles, the gate for slow sweeps, a private cache folder.

TOPONYMS_HYPOTHESIS_PROFILE selects a profile: ``ci`` (default: bounded, derandomised, no
example database), ``dev`` or ``thorough``. Tests marked ``slow`` run only with TOPONYMS_SLOW=1.
The saved gazetteer (see ``toponyms._store``) goes to a temporary folder, never to the user's
cache; the commands the CLI tests run inherit it.
"""

import os
import shutil
import tempfile

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=50,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "thorough",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.load_profile(os.environ.get("TOPONYMS_HYPOTHESIS_PROFILE", "ci"))


_CACHE = tempfile.mkdtemp(prefix="toponyms-test-cache-")
os.environ["TOPONYMS_CACHE_DIR"] = _CACHE


def pytest_unconfigure(config: pytest.Config) -> None:  # noqa: ARG001 - pytest's hook signature
    shutil.rmtree(_CACHE, ignore_errors=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("TOPONYMS_SLOW") or config.getoption("-m") == "slow":
        return
    skip = pytest.mark.skip(reason="slow sweep: set TOPONYMS_SLOW=1 to run it")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
