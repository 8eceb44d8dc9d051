"""Scenario loading from Python: files and strings load through the C++ loader,
overrides behave like `--set`, bad input raises kafkasim.ScenarioError (a ValueError)
carrying the loader's file:line:col message, and a Scenario pickles by its source."""
import pickle

import pytest

import kafkasim as ks

MINIMAL = """
name = "minimal"
expect = "pass"
duration = "2s"
[cluster]
brokers = 1
[[topics]]
name = "t"
partitions = 2
replication_factor = 1
[[producers]]
name = "p"
topic = "t"
rate = "10/s"
config = { acks = "1" }
"""


def test_load_reads_the_file_and_its_parts(repo):
    sc = ks.Scenario.load(repo / "scenarios/known/leader_crash_acks_all.toml")
    assert sc.name == "leader-crash-acks-all"
    assert sc.expect == "pass"
    assert sc.seeds == 200
    assert sc.duration_s == 30.0
    assert sc.topics[0]["name"] == "trucks_gps" and sc.topics[0]["partitions"] == 10
    assert sc.producers[0]["config"]["acks"] == "all"
    assert sc.faults[0]["kind"] == "crash"
    assert sc.faults[0]["target"] == "leader(trucks_gps,0)"


def test_with_overrides_changes_a_copy_and_later_values_win(repo):
    sc = ks.Scenario.load(repo / "scenarios/known/leader_crash_acks_all.toml")
    acks_one = sc.with_overrides({"producers.trucks.config.acks": "1", "duration": "5s",
                                "producers.trucks.config.enable.idempotence": "false",
                                "faults.0.at": "2s"})
    assert acks_one.producers[0]["config"]["acks"] == "1"
    assert acks_one.duration_s == 5.0
    assert sc.producers[0]["config"]["acks"] == "all"
    again = acks_one.with_overrides(["producers.trucks.config.acks=0"])
    assert again.producers[0]["config"]["acks"] == "0"


def test_python_values_become_override_text():
    sc = ks.Scenario.from_string(MINIMAL).with_overrides(
        {"topics.t.config.unclean.leader.election.enable": True, "topics.t.partitions": 4})
    assert sc.topics[0]["partitions"] == 4
    assert sc.topics[0]["config"]["unclean.leader.election.enable"] == "true"


def test_a_scenario_error_is_a_value_error_with_file_line_col():
    bad = MINIMAL.replace('rate = "10/s"', 'rate = "fast"')
    with pytest.raises(ks.ScenarioError) as error:
        ks.Scenario.from_string(bad, name="bad.toml")
    assert isinstance(error.value, ValueError)
    line = bad.splitlines().index('rate = "fast"') + 1
    assert str(error.value).startswith(f"bad.toml:{line}:")


def test_an_override_of_an_unknown_key_raises():
    with pytest.raises(ks.ScenarioError, match="producers"):
        ks.Scenario.from_string(MINIMAL).with_overrides({"producers.nobody.rate": "1/s"})


def test_a_missing_file_raises_scenario_error(tmp_path):
    with pytest.raises(ks.ScenarioError, match="cannot open"):
        ks.Scenario.load(tmp_path / "absent.toml")


def test_a_scenario_pickles_to_an_equal_scenario(repo):
    sc = ks.Scenario.load(repo / "scenarios/known/leader_crash_acks_all.toml",
                          {"duration": "4s", "faults.0.at": "1s"})
    copy = pickle.loads(pickle.dumps(sc))
    assert copy == sc
    assert copy.duration_s == 4.0
    assert copy.file_name == sc.file_name


def test_to_toml_loads_back_equal():
    sc = ks.Scenario.from_string(MINIMAL)
    assert ks.Scenario.from_string(sc.to_toml()) == sc


def test_fault_kinds_lists_the_design_kinds():
    assert {"crash", "power-loss", "partition-halves"} <= set(ks.fault_kinds())
