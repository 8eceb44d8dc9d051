"""Plots draw on the Agg backend: the timeline has a point per acknowledged send, the
sweep chart a bar per config point, and both save as PNG."""
import matplotlib.pyplot as plt
import pandas as pd

import kafkasim as ks


def test_timeline_draws_sends_per_partition(short_result, tmp_path):
    ax = ks.plot.timeline(short_result)
    sends = short_result.history
    acked = ((sends["f"] == "send") & (sends["type"] == "ok")).sum()
    points = sum(len(c.get_offsets()) for c in ax.collections if c.get_label() == "acked send")
    assert points == acked
    ax.figure.savefig(tmp_path / "timeline.png")
    assert (tmp_path / "timeline.png").stat().st_size > 0
    plt.close(ax.figure)


def test_sweep_plot_draws_one_bar_per_config_point(tmp_path):
    frame = pd.DataFrame({
        "acks": ["0", "0", "1", "all"], "seed": [1, 2, 1, 1],
        "failing": [True, False, True, False], "anomalies": ["lost-write", "", "unseen", ""],
        "trace_hash": [1, 2, 3, 4]})
    ax = ks.plot.sweep(frame)
    heights = [p.get_height() for p in ax.patches]
    assert heights == [0.5, 1.0, 0.0]
    ax.figure.savefig(tmp_path / "sweep.png")
    plt.close(ax.figure)


def test_lag_and_ownership_draw(short_result):
    for draw in (ks.plot.lag, ks.plot.ownership):
        ax = draw(short_result)
        assert ax.get_xlabel() == "virtual time (s)"
        plt.close(ax.figure)
