"""What a hostile but realistic caller hands the Python API (issue 17): binary files,
wrong argument types, a sweep whose worker raises. Each gets an error saying what was
expected, of the type Python code catches for it."""
import concurrent.futures
import threading
import time

import pytest

import kafkasim as ks
import importlib

# `kafkasim.sweep` the function shadows the module of the same name on the package.
sweep_module = importlib.import_module("kafkasim.sweep")


def test_a_binary_scenario_file_raises_scenario_error_with_its_location(tmp_path):
    path = tmp_path / "binary.toml"
    path.write_bytes(b'name = "n"\nexpect = "pass"\n\x00\x01\x02')
    with pytest.raises(ks.ScenarioError, match=r"binary\.toml:3:1: expected text, got a NUL"):
        ks.Scenario.load(path)


def test_a_non_utf8_scenario_file_raises_scenario_error_with_its_location(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'name = "caf\xe9"\n')
    with pytest.raises(ks.ScenarioError,
                       match=r"latin1\.toml:1:12: expected UTF-8 text, got byte 0xe9"):
        ks.Scenario.load(path)


@pytest.mark.parametrize("arguments, error, message", [
    ({"history": 42}, TypeError, "expected history as a DataFrame, a path or CSV text"),
    ({"semantics": 1}, TypeError, "expected semantics as a str, got int"),
    ({"semantics": "twice"}, ValueError, "expected semantics among at-least-once"),
    ({"guarantees": ["g"]}, TypeError, "expected guarantees as a mapping"),
    ({"guarantees": {"g": "sometimes"}}, ValueError, "expected guarantees\\['g'\\] among"),
    ({"liveness": "no"}, TypeError, "expected liveness as a bool, got str"),
])
def test_check_with_a_wrong_argument_says_what_was_expected(arguments, error, message):
    history = "index,time_ns,process,type,f,topic,partition,key,value,offset,error\n"
    with pytest.raises(error, match=message):
        ks.check(**{"history": history, **arguments})


@pytest.mark.parametrize("arguments, error, message", [
    ({"scenario": "s.toml"}, TypeError, "expected a kafkasim.Scenario, got str"),
    ({"seeds": 0}, ValueError, "expected seeds >= 1, got 0"),
    ({"seeds": 2.5}, TypeError, "expected seeds as an int N"),
    ({"seeds": [1, "2"]}, TypeError, "expected every seed as an int, got '2'"),
    ({"seeds": [-1]}, ValueError, "expected seeds in 0..2\\*\\*64-1, got -1"),
    ({"grid": {"producers.trucks.config.acks": "all"}}, TypeError,
     "expected grid\\['producers.trucks.config.acks'\\] as a list of values"),
    ({"grid": [("a", [1])]}, TypeError, "expected grid as a mapping"),
    ({"chunksize": 0}, ValueError, "expected chunksize as an int >= 1, got 0"),
    ({"metrics": "yes"}, TypeError, "expected metrics as a bool, got str"),
])
def test_sweep_with_a_wrong_argument_says_what_was_expected(short_scenario, arguments, error,
                                                            message):
    with pytest.raises(error, match=message):
        ks.sweep(**{"scenario": short_scenario, "seeds": [1], **arguments})


def test_a_sweep_whose_worker_raises_cancels_the_rest_and_names_the_seeds(
        short_scenario, monkeypatch):
    started = []
    lock = threading.Lock()

    def run_chunk(scenario, seeds, metrics=False):
        with lock:
            started.append(list(seeds))
        time.sleep(0.05)
        if 3 in seeds:
            raise RuntimeError("worker broke")
        return [{"seed": s, "failing": False, "anomalies": "", "trace_hash": 0} for s in seeds]

    monkeypatch.setattr(sweep_module, "run_chunk", run_chunk)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as executor:
        with pytest.raises(ks.SweepError, match=r"seeds \[3, 4\] raised RuntimeError: "
                                                r"worker broke; pending tasks were cancelled") \
                as raised:
            ks.sweep(short_scenario, seeds=list(range(1, 41)), executor=executor, chunksize=2)
    assert raised.value.seeds == [3, 4]
    # One worker runs the tasks in order; the ones after the failure never ran.
    assert len(started) < 20
    with pytest.raises(ks.SweepError, match=r"seeds \[3, 4\]"):
        ks.sweep(short_scenario, seeds=[1, 2, 3, 4, 5], chunksize=2)
