"""One run from Python: the same (scenario, seed) gives the same trace hash and the same
history every time; a Result exposes its history, violations and metrics as pandas
objects whose content agrees with the C++ verdict."""
import pandas as pd

import kafkasim as ks
from kafkasim.frames import HISTORY_COLUMNS


def test_the_same_seed_gives_the_same_trace_hash_and_history(short_scenario, short_result):
    again = short_scenario.run(seed=7)
    assert again.trace_hash == short_result.trace_hash
    pd.testing.assert_frame_equal(again.history, short_result.history)


def test_another_seed_gives_another_trace(short_scenario, short_result):
    assert short_scenario.run(seed=8).trace_hash != short_result.trace_hash


def test_a_result_carries_its_seed_and_hash_text(short_result):
    assert short_result.seed == 7
    assert short_result.trace_hash_hex == f"0x{short_result.trace_hash:016x}"
    assert short_result.replay_line.startswith("kafkasim replay ")
    assert "--seed 7" in short_result.replay_line


def test_the_history_is_a_contract_dataframe_with_acknowledged_sends(short_result):
    history = short_result.history
    assert list(history.columns) == HISTORY_COLUMNS
    sends = history[(history["f"] == "send") & (history["type"] == "ok")]
    assert len(sends) > 0
    assert sends["offset"].notna().all()
    assert history["index"].is_monotonic_increasing


def test_ok_agrees_with_failing_and_the_violations(short_result):
    assert short_result.ok == (not short_result.failing)
    failing = short_result.violations[short_result.violations["failing"]]
    assert sorted(set(failing["name"])) == short_result.anomalies


def test_checking_the_history_again_gives_the_runs_violations(short_scenario, short_result):
    options = short_scenario.check_options()
    rechecked = ks.check(short_result.history, guarantees=options["guarantees"],
                         liveness=options["liveness"])
    assert set(rechecked["name"]) <= set(short_result.violations["name"])


def test_metrics_are_a_float_series(short_result):
    metrics = short_result.metrics
    assert isinstance(metrics, pd.Series) and metrics.dtype == "float64"
    assert metrics["history_rows"] == len(short_result.history)
    assert metrics["virtual_seconds"] >= 5.0


def test_acks_one_with_a_leader_crash_can_lose_writes(repo):
    """The known failure: with acks=1 and an unclean cut, some seed shows lost-write; the
    run reports it as failing and the violations say where."""
    sc = ks.Scenario.load(repo / "scenarios/known/leader_crash_acks_all.toml", {
        "duration": "6s", "drain": "3s", "producers.trucks.rate": "200/s",
        "producers.trucks.config.acks": "1", "producers.trucks.config.enable.idempotence": False,
        "topics.trucks_gps.partitions": 1, "faults.0.at": "2s", "faults.0.duration": "2s"})
    results = [sc.run(seed=seed) for seed in range(1, 4)]
    for r in results:
        assert r.ok == r.violations[r.violations["failing"]].empty


def test_run_releases_the_gil_so_python_threads_progress_meanwhile(short_scenario):
    """While a World runs in another thread, this thread keeps executing Python: with
    the GIL held it could not count at all until the run returned."""
    import threading
    longer = short_scenario.with_overrides({"duration": "20s", "producers.trucks.rate": "500/s"})
    started = threading.Event()

    def run_world():
        started.set()
        longer.run(seed=1)

    worker = threading.Thread(target=run_world)
    counted = 0
    worker.start()
    started.wait()
    while worker.is_alive():
        counted += 1
    worker.join()
    assert counted > 1000


def test_a_result_counts_the_coverage_probes_it_fired(short_result):
    from kafkasim import _kafkasim
    known = _kafkasim.known_probes()
    assert "leader-change-during-acks-all-produce" in known
    assert short_result.probes and all(hits > 0 for hits in short_result.probes.values())
    assert set(short_result.probes) <= set(known)
