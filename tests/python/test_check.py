"""The checkers on DataFrames: every hand-written history in tests/check/data gives the
anomalies its `# expect:` line names whether checked from the file or from a DataFrame,
history DataFrames carry the design.md §6 columns and dtypes and round-trip, and a
DataFrame edited in pandas is checked as edited."""
import pathlib

import pandas as pd
import pytest

import kafkasim as ks
from kafkasim.frames import HISTORY_COLUMNS, history_csv

DATA = pathlib.Path(__file__).resolve().parents[1] / "check" / "data"
FILES = sorted(DATA.glob("*.csv"))


def expected_names(path):
    for line in path.read_text().splitlines():
        if line.startswith("# expect:"):
            return set(line[len("# expect:"):].split())
    raise AssertionError(f"{path} has no # expect: line")


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_each_data_file_shows_exactly_its_expected_anomalies(path):
    assert set(ks.check(path)["name"]) == expected_names(path)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_checking_the_dataframe_equals_checking_the_file(path):
    from_frame = ks.check(ks.read_history(path))
    from_file = ks.check(path)
    pd.testing.assert_frame_equal(from_frame, from_file)


def test_history_frame_has_the_contract_columns_and_dtypes():
    frame = ks.read_history(DATA / "clean.csv")
    assert list(frame.columns) == HISTORY_COLUMNS
    assert frame["index"].dtype == "int64" and frame["time_ns"].dtype == "int64"
    assert str(frame["partition"].dtype) == "Int32" and str(frame["offset"].dtype) == "Int64"
    assert list(frame["type"].cat.categories) == ["invoke", "ok", "fail", "info"]
    assert frame["offset"].isna().sum() > 0  # absent fields are <NA>
    assert frame.loc[frame["f"] == "commit", "key"].eq("g").all()


def test_a_history_round_trips_through_csv():
    frame = ks.read_history(DATA / "delivery.csv")
    pd.testing.assert_frame_equal(ks.history_frame(history_csv(frame)), frame)


def test_dropping_a_records_reads_in_pandas_makes_it_unseen():
    frame = ks.read_history(DATA / "clean.csv")
    assert ks.check(frame).empty
    read_v3 = frame["f"].isin(["poll", "process"]) & (frame["value"] == "v3")
    names = set(ks.check(frame[~read_v3])["name"])
    assert "unseen" in names


def test_violations_carry_evidence():
    violations = ks.check(DATA / "lost_write.csv")
    lost = violations[violations["name"] == "lost-write"].iloc[0]
    assert lost["failing"]
    assert lost["topic"] == "t" and lost["partition"] == 0
    assert "a" in lost["values"] and 1 in lost["offsets"]


def test_safety_only_check_skips_unseen():
    assert "unseen" not in set(ks.check(DATA / "unseen.csv", liveness=False)["name"])


def test_semantics_selects_the_delivery_guarantee():
    path = DATA / "delivery.csv"
    at_least = set(ks.check(path, semantics="at-least-once")["name"])
    at_most = set(ks.check(path, semantics="at-most-once")["name"])
    assert at_least != at_most


def test_an_unknown_semantics_raises():
    with pytest.raises(ValueError, match="expected semantics among"):
        ks.check(DATA / "clean.csv", semantics="twice")


def test_a_malformed_history_raises_with_its_line():
    with pytest.raises(ks.ScenarioError, match=r"<string>:2"):
        ks.check("index,time_ns,process,type,f,topic,partition,key,value,offset,error\n"
                 "0,zero,p,ok,send,t,0,,v,0,\n")


def test_a_dataframe_missing_a_column_raises():
    frame = ks.read_history(DATA / "clean.csv").drop(columns=["offset"])
    with pytest.raises(ks.ScenarioError, match="offset"):
        ks.check(frame)
