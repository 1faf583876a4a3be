"""Digital and AI queries: the AI training counts, Alem.AI in time order, the centres, the filter."""

from __future__ import annotations

import pandas as pd

from dashboard.queries import digital as q


def _sources() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["speech", "reportaz", "glance", "stayaiware", "tass", "astanatimes"],
            "publisher": ["Not recorded", "Report.az", "Glance", "StayAIware", "TASS", "The Astana Times"],
            "date": ["2025-10-07", "2025-10-07", "2025-10-01", "2025-09", "2025-10-02", "2025-10"],
            "kind": ["speech", "news", "news", "news", "news", "news"],
            "speaker": ["Kassym-Jomart Tokayev", pd.NA, pd.NA, pd.NA, pd.NA, pd.NA],
            "event": ["12th Summit of the OTS", pd.NA, pd.NA, pd.NA, pd.NA, pd.NA],
        }
    )


def _figures() -> pd.DataFrame:
    rows = [
        ("ai-students-400-reportaz", "students-trained-ai", 400.0, "2025-01/2025-10", "KAZ", "reportaz", False),
        ("ai-sana-440k", "students-trained-ai", 440000.0, "2025-10-01", "KAZ", "glance", False),
        ("ai-students-400k", "students-trained-ai", 400000.0, "2025-01/2025-10", "KAZ", "speech", True),
        ("ai-sana-390k", "students-trained-ai", 390000.0, "2025-09", "KAZ", "stayaiware", True),
        ("alem-ai-full-operation-plan-2025", "institution", None, "2025", "KAZ", "tass", True),
        ("alem-ai-centre-opened", "institution", None, "2025-10-02", "KAZ", "speech", True),
        ("alem-ai-technical-opening-2025-10-02", "institution", None, "2025-10-02", "KAZ", "tass", True),
        ("ots-digital-monitoring-centre-proposal", "initiative", None, pd.NA, "AZE;KAZ;KGZ;TUR;UZB", "speech", True),
        ("ots-digital-innovation-centre-proposal", "initiative", None, pd.NA, "AZE;KAZ;KGZ;TUR;UZB", "speech", True),
        ("ots-digital-innovation-centre-astanatimes", "initiative", None, pd.NA, pd.NA, "astanatimes", True),
        ("ai-research-university-plan", "initiative", None, pd.NA, "KAZ", "speech", True),
    ]
    frame = pd.DataFrame(rows, columns=["id", "metric", "value", "period", "countries", "source_id", "verified"])
    frame["kind"] = ["actual"] * 4 + ["plan", "event", "event", "proposal", "proposal", "proposal", "plan"]
    return frame.astype({"value": "Float64"})


def test_ai_training_puts_the_speech_first_then_the_other_sources_by_date():
    """The quoted 400,000 leads; the others follow oldest first, each value exactly as printed."""
    rows = q.ai_training(_figures(), _sources(), ["KAZ"])
    assert rows["id"].tolist() == ["ai-students-400k", "ai-sana-390k", "ai-sana-440k", "ai-students-400-reportaz"]
    assert rows["value"].tolist() == [400000.0, 390000.0, 440000.0, 400.0]  # the slip stays a slip
    assert rows["short_source"].tolist() == ["Kassym-Jomart Tokayev", "StayAIware", "Glance", "Report.az"]
    assert rows["verified"].tolist() == [True, True, False, False]


def test_ai_training_follows_the_filter():
    """The counts concern Kazakhstan: selecting only Türkiye hides them all."""
    assert q.ai_training(_figures(), _sources(), ["TUR"]).empty


def test_alem_ai_comes_in_time_order_with_the_plan_last():
    """The opening on 2 October comes before a plan dated only '2025' (by the end of the year)."""
    rows = q.alem_ai(_figures(), _sources(), ["KAZ"])
    assert rows["id"].tolist() == [
        "alem-ai-centre-opened",
        "alem-ai-technical-opening-2025-10-02",
        "alem-ai-full-operation-plan-2025",
    ]
    assert rows["when"].tolist() == ["2025-10-02", "2025-10-02", "2025"]


def test_digital_centres_keep_region_wide_accounts_and_follow_the_filter():
    """For Hungary only the account naming no country stays; for KAZ every card appears, sources named."""
    hungary = q.digital_centres(_figures(), _sources(), ["HUN"])
    assert [(theme.id, rows["id"].tolist()) for theme, rows in hungary] == [
        ("innovation-centre", ["ots-digital-innovation-centre-astanatimes"])
    ]
    kazakhstan = q.digital_centres(_figures(), _sources(), ["KAZ"])
    assert [theme.id for theme, _ in kazakhstan] == ["monitoring-centre", "innovation-centre", "ai-university"]
    innovation = dict((theme.id, rows) for theme, rows in kazakhstan)["innovation-centre"]
    assert innovation["source_name"].tolist() == ["Kassym-Jomart Tokayev, 12th Summit of the OTS", "The Astana Times"]


def test_hidden_by_filter_lists_the_figures_the_selection_leaves_out():
    """Selecting Hungary hides the KAZ-only figures and the OTS-member ones, naming their countries."""
    ids = q.page_figure_ids() + ["ai-students-400k"]
    hidden = q.hidden_by_filter(_figures(), ids, ["HUN"])
    assert "ai-research-university-plan" in hidden["id"].tolist()
    assert "ai-students-400k" in hidden["id"].tolist()
    assert "ots-digital-innovation-centre-astanatimes" not in hidden["id"].tolist()
    assert hidden.set_index("id").loc["ai-research-university-plan", "country_list"] == ["KAZ"]
    assert q.hidden_by_filter(_figures(), ids, ["KAZ"]).empty
