"""The production stack's files agree with each other: only Caddy is reachable
from outside, gunicorn trusts forwarded headers from Caddy's address alone, and
the Caddyfile is valid (checked with `caddy adapt` when a caddy binary is on
PATH; `apt-get install caddy` gives one). No Docker engine needed."""

import ipaddress
import re
import shutil
import subprocess

import pytest
import yaml

from rme_portal.settings.base import BASE_DIR

COMPOSE = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]
CADDYFILE = BASE_DIR / "deploy" / "Caddyfile"


def with_defaults(value: str) -> str:
    """Compose's ${NAME:-default} interpolation, with nothing set."""
    return re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", str(value))


def test_only_the_proxy_is_published():
    published = {name for name, service in SERVICES.items() if service.get("ports")}
    assert published == {"proxy"}
    assert SERVICES["proxy"]["image"] == "caddy:2"
    assert {port.split(":")[0] for port in SERVICES["proxy"]["ports"]} == {"80", "443"}
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in SERVICES["proxy"]["volumes"]


def test_gunicorn_trusts_forwarded_headers_from_the_proxy_address_only():
    proxy_ip = with_defaults(SERVICES["proxy"]["networks"]["edge"]["ipv4_address"])
    subnet = with_defaults(COMPOSE["networks"]["edge"]["ipam"]["config"][0]["subnet"])
    assert ipaddress.ip_address(proxy_ip) in ipaddress.ip_network(subnet)
    web = SERVICES["web"]["environment"]
    assert with_defaults(web["FORWARDED_ALLOW_IPS"]) == proxy_ip
    assert web["TRUSTED_PROXY_COUNT"] == "1"
    # The proxy and web meet on "edge" only; web is not on the proxy's outside network.
    assert set(SERVICES["web"]["networks"]) == {"default", "edge"}
    assert set(SERVICES["proxy"]["networks"]) == {"public", "edge"}


def test_the_site_name_is_one_variable():
    web = SERVICES["web"]["environment"]
    assert with_defaults(web["ALLOWED_HOSTS"]) == "localhost"
    assert with_defaults(web["CSRF_TRUSTED_ORIGINS"]) == "https://localhost"
    assert SERVICES["proxy"]["environment"]["SITE_DOMAIN"] == web["ALLOWED_HOSTS"]


def test_the_health_check_is_python_that_asks_as_the_proxy_would():
    code = with_defaults(SERVICES["web"]["healthcheck"]["test"][-1])
    compile(code, "healthcheck", "exec")
    assert "'Host': 'localhost'" in code and "'X-Forwarded-Proto': 'https'" in code


def test_the_caddyfile_proxies_to_gunicorn_and_leaves_security_headers_to_django():
    text = CADDYFILE.read_text(encoding="utf-8")
    directives = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert "reverse_proxy web:8000" in directives
    assert "tls {$CADDY_TLS:internal}" in directives
    assert not [
        line for line in directives if re.search(r"Content-Security-Policy|Strict-Transport|trusted_proxies", line)
    ]


@pytest.mark.skipif(not shutil.which("caddy"), reason="no caddy binary on PATH (apt-get install caddy)")
@pytest.mark.parametrize(
    ("environment", "host", "issuer"),
    [({}, "localhost", "internal"), ({"SITE_DOMAIN": "portal.example.cl", "CADDY_TLS": "a@example.cl"}, None, "acme")],
)
def test_caddy_accepts_the_caddyfile(environment, host, issuer):
    result = subprocess.run(
        ["caddy", "adapt", "--config", str(CADDYFILE), "--validate"],
        env={"PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": "/tmp", **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)  # JSON is YAML
    route = config["apps"]["http"]["servers"]["srv0"]["routes"][0]
    assert route["match"] == [{"host": [host or environment["SITE_DOMAIN"]]}]
    issuers = config["apps"]["tls"]["automation"]["policies"][0]["issuers"]
    assert issuers[0]["module"] == issuer


def test_the_image_runs_unprivileged_and_carries_no_secrets():
    dockerfile = (BASE_DIR / "Dockerfile").read_text(encoding="utf-8")
    instructions = [line.split()[0] for line in dockerfile.splitlines() if re.match(r"^[A-Z]+ ", line)]
    assert instructions.index("USER") < instructions.index("CMD")
    assert re.search(r"^USER portal$", dockerfile, re.MULTILINE)
    assert "--chown=portal" not in dockerfile  # the code stays read-only for the runtime user
    ignored = (BASE_DIR / ".dockerignore").read_text(encoding="utf-8").split()
    assert ".env" in ignored and ".env.*" in ignored


def test_env_example_lists_the_new_variables():
    text = (BASE_DIR / ".env.example").read_text(encoding="utf-8")
    for name in ("TRUSTED_PROXY_COUNT", "AXES_FAILURE_LIMIT", "AXES_COOLOFF_MINUTES", "SITE_DOMAIN", "PROXY_IP"):
        assert re.search(rf"^#? ?{name}=", text, re.MULTILINE), name
