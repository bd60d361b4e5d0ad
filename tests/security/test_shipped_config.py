"""Every shipped way to run Neo4j binds loopback with auth on; the repository holds no secret."""

from __future__ import annotations

import re
import subprocess
from ipaddress import IPv4Address, IPv6Address, ip_address
from pathlib import Path

import pytest
import yaml
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from graph_identity.neo4j_local import LocalNeo4j
from tests.conftest import REPO_ROOT, Neo4jConnection, free_port

# Credential formats that must never be committed (the prefixes are the vendors' own).
SECRET_PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----"),
    "AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "Shopify token": re.compile(r"\bshp(?:at|ca|pa|ss)_[0-9a-fA-F]{32}\b"),
    "WooCommerce key": re.compile(r"\b(?:ck|cs)_[0-9a-f]{40}\b"),
    "Slack token": re.compile(r"\bxox[abpr]-[0-9A-Za-z-]{10,}"),
    "GitHub token": re.compile(r"\bgh[pousr]_[0-9A-Za-z]{36}\b"),
    "Neo4j URI with a password": re.compile(r"neo4j(?:\+s)?://[^/\s:@]+:[^/\s@]+@"),
}


def _decode(hex_address: str) -> IPv4Address | IPv6Address:
    """An address of /proc/net/tcp{,6}: 32-bit words, each in the host's (little) byte order."""
    words = [bytes.fromhex(hex_address[i : i + 8])[::-1] for i in range(0, len(hex_address), 8)]
    return ip_address(b"".join(words))


def _is_loopback(address: IPv4Address | IPv6Address) -> bool:
    mapped = address.ipv4_mapped if isinstance(address, IPv6Address) else None
    return address.is_loopback or bool(mapped and mapped.is_loopback)


def _listening_addresses(port: int) -> set[IPv4Address | IPv6Address]:
    """Local addresses in LISTEN state (``0A``) on ``port``, from the kernel's socket tables."""
    found: set[IPv4Address | IPv6Address] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if int(hex_port, 16) == port and fields[3] == "0A":
                found.add(_decode(address))
    return found


def _tracked_files() -> list[Path]:
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [REPO_ROOT / name for name in listing.split("\0") if name]


def test_local_server_config_binds_loopback_with_auth_on(tmp_path: Path) -> None:
    server = LocalNeo4j(tmp_path, bolt_port=free_port(), http_port=free_port())
    server._write_config()
    settings = dict(
        line.split("=", 1)
        for line in (tmp_path / "conf" / "neo4j.conf").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert settings["server.default_listen_address"] == "127.0.0.1"
    assert settings["dbms.security.auth_enabled"] == "true"
    assert settings["server.https.enabled"] == "false"
    for key in ("server.bolt.listen_address", "server.http.listen_address"):
        assert settings[key].startswith(":"), "a host here would override the loopback default"


def test_running_local_server_listens_on_loopback_only_and_refuses_bad_credentials(
    neo4j_connection: Neo4jConnection,
) -> None:
    if neo4j_connection.origin != "local":
        pytest.skip("the listening sockets are only visible for the project's local server")
    bolt_port = int(neo4j_connection.uri.rsplit(":", 1)[1])
    http_port = int((neo4j_connection.http_url or "").rsplit(":", 1)[1])
    for port in (bolt_port, http_port):
        addresses = _listening_addresses(port)
        assert addresses, f"nothing listens on port {port}"
        beyond = {str(a) for a in addresses if not _is_loopback(a)}
        assert not beyond, f"port {port} listens beyond loopback: {beyond}"
    with GraphDatabase.driver(
        neo4j_connection.uri, auth=(neo4j_connection.user, "not-the-password")
    ) as driver, pytest.raises(AuthError):
        driver.verify_connectivity()


def test_docker_compose_publishes_on_loopback_with_auth_from_the_environment() -> None:
    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
    for name, service in compose["services"].items():
        for mapping in service.get("ports", []):
            assert str(mapping).startswith("127.0.0.1:"), f"{name} publishes {mapping}"
    auth = compose["services"]["neo4j"]["environment"]["NEO4J_AUTH"]
    assert auth.lower() != "none"
    assert "${NEO4J_PASSWORD:?" in auth, "the password must come from the environment"


def test_repository_holds_no_secret() -> None:
    offenders: list[str] = []
    for path in _tracked_files():
        if path.name == ".env" or path.suffix in {".pem", ".key", ".p12"}:
            offenders.append(f"{path.relative_to(REPO_ROOT)}: a credentials file")
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue
        for kind, pattern in SECRET_PATTERNS.items():
            if pattern.search(text):
                offenders.append(f"{path.relative_to(REPO_ROOT)}: {kind}")
    assert not offenders, offenders


def test_secret_patterns_catch_what_they_name() -> None:
    samples = {
        "private key": "-----BEGIN RSA " + "PRIVATE KEY-----",
        "AWS access key": "AKIA" + "ABCDEFGHIJKLMNOP",
        "Shopify token": "shpat_" + "0" * 32,
        "WooCommerce key": "ck_" + "a" * 40,
        "Slack token": "xoxb-" + "1234567890-abc",
        "GitHub token": "ghp_" + "A" * 36,
        "Neo4j URI with a password": "neo4j://neo4j:" + "hunter2@db.example.com:7687",
    }
    for kind, sample in samples.items():
        assert SECRET_PATTERNS[kind].search(sample), kind
    assert not SECRET_PATTERNS["Neo4j URI with a password"].search("neo4j://127.0.0.1:7687")


def test_proc_net_addresses_decode_to_what_the_kernel_means() -> None:
    assert str(_decode("0100007F")) == "127.0.0.1"
    assert str(_decode("00000000")) == "0.0.0.0"  # noqa: S104 - the value under test
    assert _is_loopback(_decode("0000000000000000FFFF00000100007F"))
    assert _is_loopback(_decode("00000000000000000000000001000000"))
    assert not _is_loopback(_decode("00000000000000000000000000000000"))
