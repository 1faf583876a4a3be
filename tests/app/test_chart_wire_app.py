"""A chart's dict is made once per figure and Streamlit sends exactly what it sends for the figure itself."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import plotly.io
from streamlit.testing.v1 import AppTest

from dashboard.components.charts import wire_figure


def _figure() -> go.Figure:
    # Numpy arrays: Plotly base64-encodes them in to_dict(), the step worth doing once.
    figure = go.Figure(go.Bar(x=np.array(["KAZ", "UZB", "<b>x</b>"]), y=np.array([11.0, 4.5, 0.25])))
    figure.update_layout(title="Trade", height=320)
    return figure


def test_the_wire_dict_is_the_figures_own_dict_and_made_once(monkeypatch):
    figure = _figure()
    expected = figure.to_dict()
    calls = []
    original = go.Figure.to_dict
    monkeypatch.setattr(go.Figure, "to_dict", lambda self: calls.append(1) or original(self))
    first, second = wire_figure(figure).to_dict(), wire_figure(figure).to_dict()
    assert len(calls) == 1
    assert second is first
    assert plotly.io.to_json(first, validate=False) == plotly.io.to_json(expected, validate=False)


def test_a_new_figure_gets_its_own_dict():
    one, other = _figure(), _figure()
    other.update_layout(title="Transport")
    assert wire_figure(one).to_dict()["layout"]["title"]["text"] == "Trade"
    assert wire_figure(other).to_dict()["layout"]["title"]["text"] == "Transport"


def _script() -> None:
    import numpy as np
    import plotly.graph_objects as go
    import streamlit as st

    from dashboard.components.charts import wire_figure

    figure = go.Figure(go.Bar(x=np.array(["KAZ", "UZB", "<b>x</b>"]), y=np.array([11.0, 4.5, 0.25])))
    figure.update_layout(title="Trade", height=320)
    st.plotly_chart(figure, key="plain", width="stretch")
    st.plotly_chart(wire_figure(figure), key="wire", width="stretch")
    st.plotly_chart(wire_figure(figure), key="again", width="stretch", on_select="rerun")


def test_streamlit_sends_the_same_spec_for_the_wire_figure_as_for_the_figure():
    app = AppTest.from_function(_script, default_timeout=60).run()
    assert not app.exception
    charts = app.get("plotly_chart")
    assert len(charts) == 3
    plain, wire, again = (chart.proto.spec for chart in charts)
    assert '"bdata"' in plain  # the arrays went out base64-encoded, as Plotly sends them
    assert wire == plain
    assert again == plain
    assert charts[1].proto.ListFields() and charts[1].proto.id != charts[0].proto.id
