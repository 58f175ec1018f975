"""Charts: well-formed SVG, escaped text, theme classes, no inline styles."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from generator.render.charts import date_chart, tag_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_tag_chart_has_a_bar_per_tag_scaled_to_the_largest() -> None:
    svg = tag_chart([("speech", 10), ("<b>tokens</b> & more", 5)])
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Papers per tag: 2 tags, the largest has 10 papers"
    assert root.findtext(f"{SVG}title") == root.get("aria-label")
    bars = root.findall(f".//{SVG}rect")
    assert [bar.get("class") for bar in bars] == ["digest-chart-bar"] * 2
    assert [int(bar.get("width", 0)) for bar in bars] == [392, 196]
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["speech", "10", "<b>tokens</b> & more", "5"]
    assert "<b>" not in svg and "style" not in svg


def test_long_tag_names_are_shortened_on_the_bar_but_whole_in_its_title() -> None:
    name = "a very long tag name that goes on and on"
    root = ET.fromstring(tag_chart([(name, 1)]))
    assert root.findtext(f".//{SVG}g/{SVG}title") == f"{name}: 1 papers"
    assert next(root.iter(f"{SVG}text")).text == "a very long tag name that g…"


def test_date_chart_needs_two_dates_and_labels_the_ends() -> None:
    day = dt.date(2025, 3, 10)
    assert date_chart([(day, 3)]) == ""
    assert tag_chart([]) == ""
    svg = date_chart([(day, 3), (day + dt.timedelta(days=1), 6)])
    root = ET.fromstring(svg)
    heights = [int(bar.get("height", 0)) for bar in root.iter(f"{SVG}rect")]
    assert heights == [80, 160]
    assert [t.text for t in root.iter(f"{SVG}text")] == ["2025-03-10", "2025-03-11"]
    assert "2 dates from 2025-03-10 to 2025-03-11, at most 6 papers" in root.get("aria-label", "")
