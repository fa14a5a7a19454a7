"""A small headless-Chromium driver over the DevTools protocol, for tests, benchmarks and screenshots.

Not used by ``kg`` itself: it needs the ``websocket-client`` package (a dev
dependency) and a ``chromium`` binary. Each :class:`Chromium` runs a fresh
browser with its own throw-away profile and records what a page does:
network requests, console messages and uncaught exceptions.
"""
from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
         "--mute-audio")


def find_chromium() -> str | None:
    """Path of a Chromium binary, or None."""
    for name in (os.environ.get("KG_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def screenshot(html_file, png, width: int = 1400, height: int = 900, wait_ms: int = 4000) -> None:
    """Screenshot a page with ``chromium --screenshot`` (no DevTools needed)."""
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        subprocess.run([find_chromium(), *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
                        f"--virtual-time-budget={wait_ms}", f"--screenshot={Path(png).resolve()}",
                        Path(html_file).resolve().as_uri()], check=True, capture_output=True, timeout=120)


class Chromium:
    """One headless browser with one page, driven over the DevTools protocol."""

    def __init__(self, width: int = 1400, height: int = 900, timeout: float = 30.0):
        import websocket

        binary = find_chromium()
        if not binary:
            raise FileNotFoundError("chromium not found (apt-get install chromium)")
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="kg-chromium-")
        self.proc = subprocess.Popen([binary, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-port=0",
                                      f"--window-size={width},{height}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not start (no DevToolsActivePort)")
            time.sleep(0.05)
        port = port_file.read_text().splitlines()[0].strip()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=timeout) as r:
            targets = json.load(r)
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=timeout, suppress_origin=True)
        self._ids = itertools.count(1)
        self.events: list[dict] = []
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable")

    # -- protocol -----------------------------------------------------------
    def send(self, method: str, **params) -> dict:
        """Send one command and return its result (events that arrive meanwhile are kept)."""
        mid = next(self._ids)
        self.ws.send(json.dumps({"id": mid, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == mid:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def wait_event(self, method: str, timeout: float | None = None) -> dict:
        """Wait for the next event called ``method`` that has not been seen yet."""
        deadline = time.monotonic() + (timeout or self.timeout)
        start = len(self.events)
        while True:
            for ev in self.events[start:]:
                if ev["method"] == method:
                    return ev
            if time.monotonic() > deadline:
                raise TimeoutError(method)
            self.ws.settimeout(max(0.05, deadline - time.monotonic()))
            msg = json.loads(self.ws.recv())
            if "method" in msg:
                self.events.append(msg)

    # -- page ---------------------------------------------------------------
    def open(self, path_or_url) -> float:
        """Load a file or URL; return seconds until the load event."""
        url = str(path_or_url) if "://" in str(path_or_url) else Path(path_or_url).resolve().as_uri()
        self.url = url
        self.events.clear()
        t0 = time.monotonic()
        self.send("Page.navigate", url=url)
        self.wait_event("Page.loadEventFired")
        return time.monotonic() - t0

    def eval(self, expression: str, await_promise: bool = False):
        """Evaluate JavaScript in the page and return its value (JSON-able)."""
        res = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=await_promise)
        if "exceptionDetails" in res:
            raise RuntimeError(f"JS error: {res['exceptionDetails']}")
        return res["result"].get("value")

    def wait_for(self, expression: str, timeout: float | None = None, poll: float = 0.02):
        """Poll until a JS expression is truthy; return its value."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            value = self.eval(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(expression)
            time.sleep(poll)

    def click(self, x: float, y: float) -> None:
        """A real left click at page coordinates (x, y)."""
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def screenshot(self, path) -> None:
        """Save a PNG of the viewport."""
        import base64

        Path(path).write_bytes(base64.b64decode(self.send("Page.captureScreenshot", format="png")["data"]))

    # -- what the page did ----------------------------------------------------
    def requests(self) -> list[str]:
        """URLs the page asked for, apart from itself and data: URLs."""
        urls = [e["params"]["request"]["url"] for e in self.events if e["method"] == "Network.requestWillBeSent"]
        return [u for u in urls if u != getattr(self, "url", None) and not u.startswith("data:")]

    def errors(self) -> list[str]:
        """Console errors, log errors and uncaught exceptions."""
        out = []
        for e in self.events:
            p = e["params"]
            if e["method"] == "Runtime.exceptionThrown":
                out.append(json.dumps(p["exceptionDetails"])[:500])
            elif e["method"] == "Runtime.consoleAPICalled" and p["type"] in ("error", "assert"):
                out.append(" ".join(str(a.get("value", a.get("description"))) for a in p["args"]))
            elif e["method"] == "Log.entryAdded" and p["entry"]["level"] == "error":
                out.append(p["entry"]["text"])
        return out

    def close(self) -> None:
        """Stop the browser and delete its profile."""
        ws = getattr(self, "ws", None)
        if ws is not None:
            try:
                ws.close()
            except Exception:  # noqa: BLE001 - closing anyway
                pass
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
