"""Shared fixtures for the kafkasim Python tests: the repository root, and short
scenarios (a few virtual seconds) so the whole suite stays well under two minutes."""
import os
import pathlib

import matplotlib
import pytest

matplotlib.use("Agg")

REPO = pathlib.Path(os.environ.get("KAFKASIM_SOURCE_DIR",
                                   pathlib.Path(__file__).resolve().parents[2]))

# Shrinks a scenario to a few virtual seconds: short phases, a slow producer, the
# scheduled fault early and brief.
SHORT = {"duration": "3s", "drain": "2s", "producers.trucks.rate": "40/s",
         "faults.0.at": "1s", "faults.0.duration": "1s",
         # acks=1 (swept below) is invalid with idempotence, as in Kafka.
         "producers.trucks.config.enable.idempotence": False}


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def short_scenario():
    import kafkasim as ks
    return ks.Scenario.load(REPO / "scenarios/known/leader_crash_acks_all.toml", SHORT)


@pytest.fixture(scope="session")
def short_result(short_scenario):
    return short_scenario.run(seed=7)
