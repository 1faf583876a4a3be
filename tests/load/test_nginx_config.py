"""The shipped nginx configuration: what a Streamlit deployment needs is in it, and nginx accepts it."""

from __future__ import annotations

import re

import pytest

from tests.load import nginx

SITE = nginx.SITE.read_text(encoding="utf-8")
ACTIVE = "\n".join(line for line in SITE.splitlines() if not line.lstrip().startswith("#"))


@pytest.mark.parametrize(
    ("directive", "why"),
    [
        (r"proxy_http_version 1\.1;", "WebSockets need HTTP/1.1 to the replicas"),
        (r"proxy_set_header Upgrade \$http_upgrade;", "the WebSocket upgrade is passed on"),
        (r"proxy_set_header Connection \$ortaq_connection;", "Connection: upgrade for WebSockets"),
        (r"proxy_set_header Host \$http_host;", "Streamlit checks Origin against Host, port included"),
        (r"hash \$ortaq_replica consistent;", "sticky sessions: a browser keeps its replica"),
        (r"add_header Set-Cookie \$ortaq_set_replica always;", "the sticky cookie is handed out"),
        (r"proxy_read_timeout 1h;", "a quiet WebSocket is not cut after nginx's default 60 s"),
        (r"proxy_buffering off;", "script output reaches the browser as it is produced"),
        (r"server 127\.0\.0\.1:\d+ max_fails=0;", "one slow request does not move a replica's browsers away"),
        (r"listen 127\.0\.0\.1:\d+;", "loopback by default, as the replicas"),
    ],
)
def test_site_has_what_streamlit_behind_a_proxy_needs(directive, why):
    """Each directive a Streamlit deployment behind nginx depends on is active in the shipped file."""
    assert re.search(directive, ACTIVE), why


def test_site_has_two_replicas_and_documents_tls_and_basic_auth():
    """Two upstream replicas; TLS and basic authentication are there as commented examples."""
    assert len(re.findall(r"^\s*server 127\.0\.0\.1:\d+[^;\n]*;", ACTIVE, flags=re.MULTILINE)) == 2
    assert "# listen 443 ssl;" in SITE and "# ssl_certificate " in SITE
    assert "# auth_basic " in SITE and "# auth_basic_user_file " in SITE


def test_render_replaces_only_the_ports():
    """The load run's copy differs from the shipped file only in its ports."""
    rendered = nginx.render_site(18080, [18501, 18502, 18503])
    assert "listen 127.0.0.1:18080;" in rendered
    assert re.findall(r"server 127\.0\.0\.1:(\d+) max_fails=0;", rendered) == ["18501", "18502", "18503"]
    def strip(text: str) -> str:
        text = re.sub(r"^\s*server 127\.0\.0\.1:\d+[^;\n]*;\n", "", text, flags=re.MULTILINE)
        return re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", text)

    assert strip(rendered) == strip(SITE)


def test_nginx_accepts_the_configuration(tmp_path):
    """`nginx -t` passes on the configuration the load run uses (skipped where nginx is not installed)."""
    if nginx.binary() is None:
        pytest.skip("nginx is not installed")
    checked = nginx.check(tmp_path, 18080, [18501, 18502])
    assert checked.returncode == 0, checked.stderr
