"""The load run's baseline app offers every control the sessions use, as Ortaq does, and draws one chart."""

from __future__ import annotations

import ast
import json

from streamlit.testing.v1 import AppTest

from tests.load import sessions
from tests.load.serve import BASELINE_APP


def _run() -> AppTest:
    app = AppTest.from_file(str(BASELINE_APP), default_timeout=30)
    app.run()
    assert not app.exception
    return app


def _chart_values(app: AppTest) -> list[float]:
    (chart,) = app.get("plotly_chart")
    return json.loads(chart.proto.spec)["data"][0]["y"]


def test_baseline_has_the_sessions_controls():
    app = _run()
    keys = {button.key for button in app.button}
    assert {f"preset-{preset}" for preset in sessions.PRESETS} <= keys
    (switch,) = app.get("button_group")
    assert set(sessions.LANGUAGES.values()) <= {option.content for option in switch.proto.options}
    assert app.title[0].value.startswith("overview")


def test_baseline_pages_are_the_sessions_pages():
    # Read, not imported: importing the app would run it outside Streamlit.
    tree = ast.parse(BASELINE_APP.read_text(encoding="utf-8"))
    (pages,) = [node.value for node in tree.body
                if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "PAGES"]
    PAGES = ast.literal_eval(pages)  # noqa: N806 - the app's constant
    assert {"" if name == "overview" else name for name in PAGES} == set(sessions.PAGES)


def test_a_preset_changes_the_baseline_chart():
    app = _run()
    before = _chart_values(app)
    app.button(key="preset-all").click().run()
    assert _chart_values(app) != before


def test_the_link_language_is_the_baselines_first():
    """The sessions open links with ?lang= and then pick another language: the switch must start there."""
    app = AppTest.from_file(str(BASELINE_APP), default_timeout=30)
    app.query_params["lang"] = "ru"
    app.run()
    assert app.title[0].value == "overview (Русский)"
