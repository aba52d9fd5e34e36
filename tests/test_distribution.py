"""The strip plot of a map's values and its table twin."""

import json

import pytest

from geodata import change as ch
from geodata import views
from geodata.model import normalise_dataset
from layouts.distribution import JITTER, distribution_figure, distribution_table, jitter, plot_text

from .builders import HOSTILE_NAME, grid_dataset
from .test_change import pair_dataset


@pytest.fixture(scope="module")
def hostile():
    return normalise_dataset(grid_dataset(name="hostile", hostile=True))


def _year(ds, year_index: int):
    values = views.map_values(ds, "district", "lowinc", "quantiles", 4)
    classes = views.classification(ds, "district", "lowinc", "quantiles", 4)
    names = ds.areas["district"]["name"].tolist()
    return values, classes, names, values["values"][year_index], values["classes"][year_index]


def test_one_dot_per_area_with_a_value_coloured_by_class(hostile):
    values, classes, names, year_values, year_classes = _year(hostile, 0)
    fig = distribution_figure(year_values, values["ids"], names, [], list(classes.breaks), list(classes.colours),
                              "%", 1, "sv", "Låg ekonomisk standard 2020")
    assert len(fig.data) == 1
    dots = fig.data[0]
    assert len(dots.x) == 15 == sum(v is not None for v in year_values)
    assert "d01" not in [c[0] for c in dots.customdata], "the suppressed area has no dot"
    for (area_id, *_), colour in zip(dots.customdata, dots.marker.color):
        i = values["ids"].index(area_id)
        assert colour == classes.colours[int(year_classes[i])]
    # The class string from the payload and the breaks give the same colours.
    computed = distribution_figure(year_values, values["ids"], names, [], list(classes.breaks),
                                   list(classes.colours), "%", 1, "sv", "t", classes=year_classes)
    assert computed.data[0].marker.color == dots.marker.color
    # A dashed line at every bound between two classes.
    assert [s.x0 for s in fig.layout.shapes] == list(classes.breaks[:-1])


def test_selected_areas_are_larger_outlined_and_labelled(hostile):
    values, classes, names, year_values, _ = _year(hostile, 1)
    fig = distribution_figure(year_values, values["ids"], names, ["d05", "d09"], list(classes.breaks),
                              list(classes.colours), "%", 1, "sv", "t")
    plain, chosen = fig.data
    assert len(plain.x) + len(chosen.x) == 16
    assert [c[0] for c in chosen.customdata] == ["d05", "d09"]
    assert list(chosen.text) == ["Distrikt 5", "Distrikt 9"] and chosen.mode == "markers+text"
    assert chosen.marker.size > plain.marker.size and chosen.marker.line.width > plain.marker.line.width
    assert chosen.customdata[0][2] == "17,0\u00a0%" and fig.layout.separators == ", "


def test_hostile_names_are_shown_as_text(hostile):
    values, classes, names, year_values, _ = _year(hostile, 1)
    names = list(names)
    names[3] = "<b>x</b><img src=x>"
    fig = distribution_figure(year_values, values["ids"], names, ["d01", "d03"], list(classes.breaks),
                              list(classes.colours), "<i>%</i>", 1, "en", "<script>t</script>")
    shown = json.dumps(fig.to_plotly_json())
    assert "<img" not in shown and "<b>" not in shown and "<script" not in shown and "<i>" not in shown
    chosen = fig.data[1]
    assert list(chosen.text) == [plot_text(HOSTILE_NAME), "&lt;b&gt;x&lt;/b&gt;&lt;img src=x&gt;"]
    assert chosen.customdata[0][1] == '&lt;img src=x onerror="window.__xss=1"&gt;Söder'
    assert fig.layout.title.text == "&lt;script&gt;t&lt;/script&gt;"
    # The table twin keeps the plain name: it is rendered as text, never as HTML.
    rows = distribution_table(year_values, values["ids"], names, ["a", "b", "c", "d"], "%", 1, "en",
                              breaks=list(classes.breaks))
    assert HOSTILE_NAME in [r["name"] for r in rows]


def test_jitter_is_deterministic_and_inside_the_band(hostile):
    values, classes, names, year_values, _ = _year(hostile, 2)
    args = (year_values, values["ids"], names, [], list(classes.breaks), list(classes.colours), "%", 1, "sv", "t")
    assert distribution_figure(*args).data[0].y == distribution_figure(*args).data[0].y
    assert all(-JITTER <= jitter(f"d{i:02d}") <= JITTER for i in range(100))
    assert len({round(jitter(f"d{i:02d}"), 6) for i in range(16)}) == 16


def test_table_rows_are_sorted_with_value_text_and_class_label(hostile):
    values, classes, names, year_values, year_classes = _year(hostile, 0)
    labels = [r["label"] for r in views.legend_rows(hostile.meta.indicator("lowinc"), classes, "sv")]
    rows = distribution_table(year_values, values["ids"], names, labels, "%", 1, "sv",
                              classes=year_classes, selected=["d15"])
    assert len(rows) == 15
    assert [r["id"] for r in rows[:2]] == ["d00", "d02"] and rows[-1]["id"] == "d15"
    assert rows[0] == {"id": "d00", "name": "Distrikt 0", "value": 10.0, "valueText": "10,0\u00a0%",
                       "class": 0, "classLabel": labels[0], "selected": False}
    assert rows[-1]["selected"] and rows[-1]["classLabel"] == labels[-1]
    down = distribution_table(year_values, values["ids"], names, labels, "%", 1, "sv", classes=year_classes,
                              descending=True)
    assert down[0]["id"] == "d15"


def test_change_values_plot_with_signs_and_a_zero_line():
    ds = pair_dataset("share")
    c = ch.change_values(ds, "regso", "x", 2023, 2024)
    names = ds.areas["regso"]["name"].tolist()
    fig = distribution_figure(c["values"], c["ids"], names, ["a"], c["breaks"], c["colours"], "p.e.", 1, "sv",
                              "Förändring", classes=c["classes"], signed=True)
    plain, chosen = fig.data
    assert len(plain.x) + len(chosen.x) == 6
    assert chosen.customdata[0][2] == "+2,5\u00a0p.e." and chosen.marker.color[0] == c["colours"][4]
    assert 0.0 in [s.x0 for s in fig.layout.shapes]
    assert fig.layout.xaxis.tickformat.startswith("+")
    rows = distribution_table(c["values"], c["ids"], names,
                              [r["label"] for r in ch.change_legend_rows(ds.meta.indicator("x"), c, "sv")],
                              "p.e.", 1, "sv", classes=c["classes"], signed=True)
    assert [r["valueText"] for r in rows] == ["−4,4\u00a0p.e.", "−1,0\u00a0p.e.", "0,0\u00a0p.e.",
                                              "+0,4\u00a0p.e.", "+2,5\u00a0p.e.", "+5,0\u00a0p.e."]
    assert rows[0]["classLabel"] == "−4,4 – −2,0\u00a0p.e."


def test_no_values_gives_an_empty_figure_with_a_note():
    fig = distribution_figure([None, None], ["a", "b"], ["A", "B"], ["a"], [], [], "%", 1, "en", "t")
    assert sum(len(trace.x) for trace in fig.data) == 0
    assert fig.layout.annotations[0].text == "No values to show."
