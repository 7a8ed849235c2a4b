"""The inline SVG charts draw what they are given, and say it in words too."""

from __future__ import annotations

import re

from game.classroom.charts import bars, score_dots, stacked


def test_the_score_plot_has_a_dot_per_student_and_marks_the_median() -> None:
    svg = score_dots([0, 100, 50, 50, 73], "Scores")
    assert svg.count("<circle") == 5
    assert "median 50" in svg and "5 scores from 0 to 100, median 50" in svg
    xs = sorted({float(x) for x in re.findall(r'<circle class="dot" cx="([\d.]+)"', svg)})
    assert len(xs) == 4 and xs[0] < xs[1] < xs[2] < xs[3]  # 0, 50, 73 and 100 fall in four columns
    assert score_dots([], "Scores").count("<circle") == 0


def test_bars_are_as_long_as_their_counts_and_escape_their_labels() -> None:
    svg = bars([("<b>Log</b>", 4), ("Box", 2)], 10, "Cited")
    widths = [float(w) for w in re.findall(r'<rect class="bar" x="\d+" y="\d+" width="([\d.]+)"', svg)]
    assert widths[0] == 2 * widths[1]
    assert "&lt;b&gt;Log&lt;/b&gt;" in svg and "<b>" not in svg and "4 of 10" in svg


def test_stacked_bars_write_each_part_and_total() -> None:
    svg = stacked([("Lone gunman", [("Certain", 1), ("Probable", 3), ("Possible", 0)]),
                   ("NKVD plot", [("Certain", 0), ("Probable", 0), ("Possible", 2)])], 6, "Chosen")
    assert "Lone gunman: 1 Certain, 3 Probable; NKVD plot: 2 Possible" in svg
    assert svg.count('<rect class="part') == 3 + 3  # the legend's three, and three parts with a count
