"""A real Neo4j Community server, assembled from Maven Central and run without Docker.

The jars are resolved once by Maven (``pom.xml`` beside this file) into a cache directory
keyed by version; the server then runs as a child JVM with its configuration, data and logs
under one home directory that survives restarts. The JVM's main class is the one the
``neo4j`` jar registers as its ``EntryPoint`` service: ``CommunityEntryPoint`` in 5.26,
``Neo4jCommunity`` in the calendar releases (both call ``NeoBootstrapper.start`` with a
``CommunityBootstrapper``, which is what the stock launcher runs).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from graph_identity.errors import GraphIdentityError
from graph_identity.neo4j_local.java import Java, JavaNotFoundError, find_java
from graph_identity.neo4j_local.versions import NEO4J_VERSION, java_range, line_of

ADMIN_ENTRY_POINT = "org.neo4j.server.startup.Neo4jAdminCommand"
ENTRY_POINT_SERVICE = "META-INF/services/org.neo4j.server.startup.EntryPoint"

# The stock server.jvm.additional flags that matter (see NEO4J_LOCAL.md); the same list
# serves 5.26 on Java 17 and 2026.x on Java 25.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
)
# Java 23+ warns on (and will later refuse) sun.misc.Unsafe memory access unless allowed;
# Neo4j's own launcher adds this flag on those releases (seen in `neo4j console --dry-run`).
UNSAFE_ACCESS_FLAG = "--sun-misc-unsafe-memory-access=allow"
UNSAFE_ACCESS_SINCE = 23


def jvm_flags(java_major: int) -> tuple[str, ...]:
    """The server JVM's flags for a Java feature release."""
    if java_major >= UNSAFE_ACCESS_SINCE:
        return (*JVM_FLAGS, UNSAFE_ACCESS_FLAG)
    return JVM_FLAGS


def entry_point(lib: Path, version: str) -> str:
    """The server main class that the ``neo4j`` jar of ``version`` registers."""
    jar = lib / f"neo4j-{version}.jar"
    try:
        with zipfile.ZipFile(jar) as archive:
            text = archive.read(ENTRY_POINT_SERVICE).decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise LocalNeo4jError(f"{jar} names no server entry point ({exc})") from exc
    names = [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]
    if len(names) != 1:
        raise LocalNeo4jError(f"{jar} names {len(names)} server entry points, expected one")
    return names[0]


class LocalNeo4jError(GraphIdentityError):
    """A problem the operator can act on (missing Java, a port in use, a failed start)."""


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    bolt_uri: str
    browser_url: str
    version: str | None


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "graph-identity"


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def _port_answers(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        return True
    return False


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
        if state == "Z":
            return False
    return True


VERSION_FILE = "neo4j-version"


def recorded_version(home: Path) -> str | None:
    """The Neo4j release that last ran on ``home``'s store (None for a fresh home).

    A home with a store but no record predates the version choice: only 5.26 ran then.
    """
    try:
        return (Path(home) / VERSION_FILE).read_text().strip()
    except FileNotFoundError:
        return NEO4J_VERSION if (Path(home) / "data" / "databases").is_dir() else None


class LocalNeo4j:
    """One local Neo4j server: ``start`` / ``stop`` / ``status``, idempotent.

    ``home`` holds ``conf/``, ``data/``, ``logs/`` and ``run/``; jars live in the cache.
    """

    def __init__(
        self,
        home: Path,
        *,
        bolt_port: int = 7687,
        http_port: int = 7474,
        heap: str = "1g",
        page_cache: str = "512m",
        version: str = NEO4J_VERSION,
    ) -> None:
        self.home = Path(home)
        self.bolt_port = bolt_port
        self.http_port = http_port
        self.heap = heap
        self.page_cache = page_cache
        self.version = version

    @property
    def lib_dir(self) -> Path:
        return _cache_root() / f"neo4j-{self.version}" / "lib"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "graph-identity-neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    def assemble(self) -> Path:
        """Resolve the server's jars with Maven into the cache (once per version)."""
        marker = self.lib_dir / ".complete"
        if marker.exists():
            return self.lib_dir
        mvn = shutil.which("mvn")
        if not mvn:
            raise LocalNeo4jError(
                "Maven was not found: install it (apt-get install maven) to assemble Neo4j "
                "from Maven Central, or point NEO4J_URI at an existing server"
            )
        self.lib_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="lib-", dir=self.lib_dir.parent))
        with resources.as_file(resources.files(__package__) / "pom.xml") as pom:
            result = subprocess.run(
                [
                    mvn,
                    "-q",
                    "-B",
                    "-f",
                    str(pom),
                    f"-Dneo4j.version={self.version}",
                    "dependency:copy-dependencies",
                    "-DincludeScope=runtime",
                    f"-DoutputDirectory={staging}",
                ],
                capture_output=True,
                text=True,
                check=False,
            )
        if result.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            tail = (result.stdout + result.stderr)[-2000:]
            raise LocalNeo4jError(f"Maven could not assemble Neo4j {self.version}:\n{tail}")
        (staging / ".complete").write_text(self.version)
        if self.lib_dir.exists():
            shutil.rmtree(self.lib_dir)
        staging.rename(self.lib_dir)
        return self.lib_dir

    def status(self) -> ServerStatus:
        pid = self._read_pid()
        running = pid is not None and _pid_alive(pid)
        return ServerStatus(
            running=running,
            pid=pid if running else None,
            bolt_uri=f"neo4j://127.0.0.1:{self.bolt_port}",
            browser_url=f"http://127.0.0.1:{self.http_port}/browser/",
            version=recorded_version(self.home),
        )

    def start(self, password: str, *, timeout: float = 180.0) -> ServerStatus:
        """Start the server and wait until Bolt answers; a no-op when it already runs."""
        self._check_store_line()
        current = self.status()
        if current.running:
            return current
        if len(password) < 8:
            raise LocalNeo4jError("the Neo4j password must have at least 8 characters")
        java = self._java()
        for name, port in (("Bolt", self.bolt_port), ("HTTP", self.http_port)):
            if _port_in_use(port):
                raise LocalNeo4jError(
                    f"port {port} ({name}) on 127.0.0.1 is taken by another process; stop it "
                    f"or choose another port"
                )
        lib = self.assemble()
        self._write_config()
        main_class = entry_point(lib, self.version)
        if not (self.home / "data" / "dbms" / "auth.ini").exists():
            self._set_initial_password(java.path, lib, password)
        self.password_file.write_text(password)
        self.password_file.chmod(0o600)
        (self.home / VERSION_FILE).write_text(self.version)
        command = [
            java.path,
            "-cp",
            f"{lib}/*",
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            *jvm_flags(java.major),
            main_class,
            f"--home-dir={self.home}",
            f"--config-dir={self.home / 'conf'}",
            "--console-mode",
        ]
        with self.console_log.open("ab") as log:
            process = subprocess.Popen(
                command,
                cwd=self.home,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.pid_file.write_text(str(process.pid))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise LocalNeo4jError(
                    f"Neo4j exited with code {process.returncode} while starting; see "
                    f"{self.console_log}:\n{self._log_tail()}"
                )
            if _port_answers(self.bolt_port) and self._log_says_started():
                return self.status()
            time.sleep(0.5)
        self.stop()
        raise LocalNeo4jError(f"Neo4j did not start within {timeout:.0f}s; see {self.console_log}")

    def stop(self, *, timeout: float = 60.0) -> bool:
        """Stop the server; returns whether one was running."""
        pid = self._read_pid()
        if pid is None or not _pid_alive(pid):
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and _pid_alive(pid):
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
            time.sleep(0.2)
        if _pid_alive(pid):
            os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        return True

    def _java(self) -> Java:
        try:
            return find_java(java_range(self.version), self.version)
        except JavaNotFoundError as exc:
            raise LocalNeo4jError(str(exc)) from exc

    def _check_store_line(self) -> None:
        """Refuse to open a store written by another line (an upgrade is a deliberate step)."""
        stored = recorded_version(self.home)
        if stored is not None and line_of(stored) != line_of(self.version):
            raise LocalNeo4jError(
                f"{self.home} holds a store of Neo4j {stored}; start it with --version "
                f"{line_of(stored)}, or use another GRAPH_IDENTITY_HOME for Neo4j {self.version}"
            )

    def _read_pid(self) -> int | None:
        try:
            return int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None

    def _log_says_started(self) -> bool:
        text = self._log_tail(8000)
        return text.rfind("Started.") > text.rfind("Starting...")

    def _log_tail(self, size: int = 3000) -> str:
        try:
            data = self.console_log.read_bytes()
        except FileNotFoundError:
            return ""
        return data[-size:].decode("utf-8", "replace")

    def _write_config(self) -> None:
        for sub in ("conf", "data", "logs", "run", "import", "plugins"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        settings = {
            "server.default_listen_address": "127.0.0.1",
            "server.default_advertised_address": "127.0.0.1",
            "server.bolt.listen_address": f":{self.bolt_port}",
            "server.http.listen_address": f":{self.http_port}",
            "server.https.enabled": "false",
            "dbms.security.auth_enabled": "true",
            "dbms.usage_report.enabled": "false",
            "server.directories.data": str(self.home / "data"),
            "server.directories.logs": str(self.home / "logs"),
            "server.directories.run": str(self.home / "run"),
            "server.directories.import": str(self.home / "import"),
            "server.directories.plugins": str(self.home / "plugins"),
            "server.memory.heap.initial_size": self.heap,
            "server.memory.heap.max_size": self.heap,
            "server.memory.pagecache.size": self.page_cache,
            "db.tx_log.rotation.retention_policy": "2 days",
        }
        lines = ["# Written by graph-identity on every start; edit the CLI options instead."]
        lines += [f"{key}={value}" for key, value in settings.items()]
        (self.home / "conf" / "neo4j.conf").write_text("\n".join(lines) + "\n")

    def _set_initial_password(self, java: str, lib: Path, password: str) -> None:
        result = subprocess.run(
            [
                java,
                "-cp",
                f"{lib}/*",
                f"-Dbasedir={self.home}",
                ADMIN_ENTRY_POINT,
                "dbms",
                "set-initial-password",
                "--",
                password,
            ],
            cwd=self.home,
            env={**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise LocalNeo4jError(
                f"setting the initial Neo4j password failed (exit {result.returncode}): "
                f"{result.stderr[-1000:]}"
            )
