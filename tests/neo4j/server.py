"""Start and stop a real Neo4j 5 (neo4j-harness, see Launcher.java) for the tests.

The jars come from ``fetch.sh`` (Maven Central, cached under
``~/.cache/paperkg/neo4j-harness/lib``). A server is a ``java`` child process
that prints its Bolt URI; it is stopped by its PID, and also exits by itself
when its stdin (our pipe) closes, so a crashed test run leaves nothing behind.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
LAUNCHER = HERE / "Launcher.java"
FETCH = HERE / "fetch.sh"


def lib_dir() -> tuple[Path | None, str]:
    """The harness jar folder (fetching it if Maven is there), or None and why not."""
    if not shutil.which("java"):
        return None, "java not found (apt-get install openjdk-17-jdk-headless)"
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "paperkg/neo4j-harness/lib"
    lib = Path(os.environ.get("KG_NEO4J_LIB", default))
    if not any(lib.glob(".complete-*")):
        if not shutil.which("mvn"):
            return None, f"no neo4j-harness jars in {lib} and no mvn to fetch them (run tests/neo4j/fetch.sh)"
        r = subprocess.run(["bash", str(FETCH)], capture_output=True, text=True, timeout=600)
        if r.returncode:
            return None, f"tests/neo4j/fetch.sh failed: {r.stderr[-500:]}"
    return lib, ""


class Server:
    """One running Neo4j; ``uri`` is its Bolt URI."""

    def __init__(self, lib: Path, log: Path, home: Path | None = None, port: int | None = None,
                 heap: str = "2g", timeout: float = 180):
        cmd = ["java", f"-Xmx{heap}", "-XX:+UseParallelGC", "-cp", f"{lib}/*", str(LAUNCHER), "--stop-on-eof"]
        if home is not None:
            cmd += ["--home", str(home)]
        if port:
            cmd += ["--port", str(port)]
        self.lib, self.home, self.log = lib, home, log
        self._log = open(log, "ab")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log)
        self.uri = self._read_uri(timeout)

    def _read_uri(self, timeout: float) -> str:
        line: list[bytes] = []
        t = threading.Thread(target=lambda: line.append(self.proc.stdout.readline()), daemon=True)
        t.start()
        t.join(timeout)
        if not line or not line[0].startswith(b"bolt://"):
            self.kill()
            tail = self.log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"Neo4j did not start within {timeout}s; log tail:\n{tail}")
        uri = line[0].decode().strip()
        self._wait_bolt(uri, timeout)
        return uri

    @staticmethod
    def _wait_bolt(uri: str, timeout: float) -> None:
        from neo4j import GraphDatabase

        deadline = time.monotonic() + timeout
        while True:
            try:
                with GraphDatabase.driver(uri, auth=None) as d:
                    d.verify_connectivity()
                    return
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    @property
    def port(self) -> int:
        return int(self.uri.rsplit(":", 1)[1])

    def stop(self, timeout: float = 60) -> None:
        """Clean shutdown (SIGTERM runs Neo4j's shutdown hook), by PID."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        self._close()

    def kill(self) -> None:
        """Hard kill (SIGKILL) by PID: the server dies mid-write, as in a crash."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(30)
        self._close()

    def _close(self) -> None:
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()
            except OSError:
                pass
        self._log.close()
