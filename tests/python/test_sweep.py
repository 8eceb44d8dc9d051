"""Sweeps: one row per (config point, seed) in grid-then-seed order, and the same
DataFrame whether run serially, on a thread pool, on a process pool, or on a Dask
LocalCluster, because each (scenario, seed) is deterministic."""
import concurrent.futures

import pandas as pd
import pytest

import kafkasim as ks

SEEDS = range(1, 5)
GRID = {"producers.trucks.config.acks": ["1", "all"]}


@pytest.fixture(scope="module")
def serial(short_scenario):
    return ks.sweep(short_scenario, seeds=SEEDS, grid=GRID)


def test_one_row_per_point_and_seed_in_grid_order(serial):
    assert list(serial.columns) == ["producers.trucks.config.acks", "seed", "failing",
                                    "anomalies", "trace_hash"]
    assert list(serial["producers.trucks.config.acks"]) == ["1"] * 4 + ["all"] * 4
    assert list(serial["seed"]) == [1, 2, 3, 4] * 2
    assert serial["trace_hash"].dtype == "uint64"


def test_a_sweep_row_equals_a_single_run(short_scenario, serial):
    r = short_scenario.with_overrides({"producers.trucks.config.acks": "all"}).run(seed=3)
    row = serial[(serial["seed"] == 3) & (serial["producers.trucks.config.acks"] == "all")]
    assert int(row["trace_hash"].iloc[0]) == r.trace_hash
    assert bool(row["failing"].iloc[0]) == r.failing
    assert row["anomalies"].iloc[0] == ",".join(r.anomalies)


def test_a_thread_pool_sweep_equals_the_serial_sweep(short_scenario, serial):
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        threaded = ks.sweep(short_scenario, seeds=SEEDS, grid=GRID, executor=pool,
                            chunksize=1)
    pd.testing.assert_frame_equal(threaded, serial)


def test_a_process_pool_sweep_equals_the_serial_sweep(short_scenario, serial):
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        processes = ks.sweep(short_scenario, seeds=SEEDS, grid=GRID, executor=pool)
    pd.testing.assert_frame_equal(processes, serial)


def test_a_dask_local_cluster_sweep_equals_the_serial_sweep(short_scenario, serial):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        on_dask = ks.sweep(short_scenario, seeds=SEEDS, grid=GRID, executor=client)
    pd.testing.assert_frame_equal(on_dask, serial)


def test_seeds_default_to_the_scenarios_count(short_scenario):
    frame = ks.sweep(short_scenario.with_overrides({"seeds": 2}))
    assert list(frame.columns) == ["seed", "failing", "anomalies", "trace_hash"]
    assert list(frame["seed"]) == [1, 2]


def test_violation_rate_is_per_config_point(serial):
    rates = ks.violation_rate(serial)
    assert list(rates["producers.trucks.config.acks"]) == ["1", "all"]
    assert (rates["runs"] == 4).all()
    assert rates["rate"].between(0, 1).all()


def test_a_bad_grid_key_raises_scenario_error(short_scenario):
    with pytest.raises(ks.ScenarioError):
        ks.sweep(short_scenario, seeds=[1], grid={"producers.nobody.config.acks": ["1"]})
