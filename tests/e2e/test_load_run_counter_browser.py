"""`make load` counts finished script runs off the WebSocket: its decoder, run in Chromium on real ForwardMsgs."""

from __future__ import annotations

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.load.sessions import FINISHED_RUN_JS


def _message(**fields) -> list[int]:
    message = ForwardMsg()
    message.metadata.delta_path.extend([0, 12, 300])  # a multi-byte varint ahead of the field
    message.hash = "a" * 200  # a length above 127: a two-byte length prefix
    for name, value in fields.items():
        if name == "delta_markdown":
            message.delta.new_element.markdown.body = value
        else:
            setattr(message, name, value)
    return list(message.SerializeToString())


def test_only_a_whole_runs_script_finished_counts(browser):
    status = ForwardMsg.ScriptFinishedStatus
    cases = {
        "finished": (_message(script_finished=status.Value("FINISHED_SUCCESSFULLY")), True),
        "compile error": (_message(script_finished=status.Value("FINISHED_WITH_COMPILE_ERROR")), True),
        "cut short by a rerun": (_message(script_finished=status.Value("FINISHED_EARLY_FOR_RERUN")), False),
        "a fragment's run": (_message(script_finished=status.Value("FINISHED_FRAGMENT_RUN_SUCCESSFULLY")), False),
        # A markdown body holding the bytes of a script_finished field must not fool it.
        "an element": (_message(delta_markdown="0\x00 finished"), False),
        "empty": ([], False),
    }
    page = browser.new_page()
    try:
        decoded = page.evaluate(
            f"(messages) => {{ const finished = {FINISHED_RUN_JS};"
            " return messages.map((bytes) => finished(new Uint8Array(bytes).buffer)); }",
            [message for message, _ in cases.values()],
        )
    finally:
        page.close()
    assert dict(zip(cases, decoded, strict=True)) == {name: expected for name, (_, expected) in cases.items()}
