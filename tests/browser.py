"""Headless Chromium driven over the Chrome DevTools protocol, for tests that use the listening
page as a listener would: real clicks and key presses, screen sizes, text sizes, screenshots.

Debian's chromium is driven directly (aiohttp speaks the protocol's websocket; the event loop
runs in a thread of its own so tests stay plain functions), and axe-core, the accessibility
checker, comes from the npm registry at the version package-lock.json pins (`make test` runs
`npm ci`).
"""

from __future__ import annotations

import asyncio
import base64
import json
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required",
         "--hide-scrollbars")


class BrowserError(AssertionError):
    pass


class Tab:
    """One page of the browser: methods that send a command and wait for its answer."""

    def __init__(self, loop: asyncio.AbstractEventLoop, socket: Any) -> None:
        self.loop = loop
        self.socket = socket
        self.next_id = 0
        self.waiting: dict[int, asyncio.Future] = {}
        self.errors: list[str] = []
        """Uncaught exceptions and console errors the page reported."""
        self.reader = asyncio.run_coroutine_threadsafe(self.read(), loop)

    async def read(self) -> None:
        async for message in self.socket:
            data = json.loads(message.data)
            if "id" in data:
                future = self.waiting.pop(data["id"], None)
                if future is not None and not future.done():
                    future.set_result(data)
            elif data.get("method") == "Runtime.exceptionThrown":
                details = data["params"]["exceptionDetails"]
                self.errors.append(details.get("exception", {}).get("description")
                                   or details.get("text", "exception"))
            elif (data.get("method") == "Runtime.consoleAPICalled"
                  and data["params"]["type"] == "error"):
                self.errors.append(" ".join(str(arg.get("value", arg.get("description")))
                                            for arg in data["params"]["args"]))

    async def send(self, method: str, params: dict) -> dict:
        self.next_id += 1
        future = self.loop.create_future()
        self.waiting[self.next_id] = future
        await self.socket.send_str(json.dumps({"id": self.next_id, "method": method,
                                               "params": params}))
        return await future

    def call(self, method: str, timeout: float = 60, **params: Any) -> dict:
        reply = asyncio.run_coroutine_threadsafe(self.send(method, params), self.loop).result(
            timeout)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def value(self, expression: str, timeout: float = 60) -> Any:
        """The value of a JavaScript expression in the page (a promise is waited for)."""
        result = self.call("Runtime.evaluate", timeout=timeout, expression=expression,
                           returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def until(self, expression: str, seconds: float = 15) -> Any:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = self.value(expression)
            if found:
                return found
            time.sleep(0.1)
        raise BrowserError(f"never true in {seconds} s: {expression}")

    def open(self, url: str) -> None:
        """Load `url` and wait until the page's script has run."""
        self.call("Page.navigate", url=url)
        self.until("document.readyState === 'complete' && "
                   "document.documentElement.classList.contains('js')")

    def box(self, selector: str) -> dict:
        """Where the element is on the screen, in CSS pixels."""
        found = self.value(f"""(() => {{
            const box = document.querySelector({json.dumps(selector)}).getBoundingClientRect();
            return {{x: box.x, y: box.y, width: box.width, height: box.height}};
        }})()""")
        if found is None:
            raise BrowserError(f"no element {selector}")
        return found

    def click(self, selector: str, at: float = 0.5) -> None:
        """A press and release of the mouse, `at` of the way across the element (scrolled into
        view first), as a finger's tap would land."""
        self.value(f"document.querySelector({json.dumps(selector)})"
                   f".scrollIntoView({{block: 'center'}})")
        box = self.box(selector)
        x, y = box["x"] + box["width"] * at, box["y"] + box["height"] / 2
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left",
                      clickCount=1 if kind != "mouseMoved" else 0)

    def press(self, key: str, code: int, text: str | None = None) -> None:
        typed = {"text": text} if text else {}
        self.call("Input.dispatchKeyEvent", type="keyDown", key=key, code=key,
                  windowsVirtualKeyCode=code, **typed)
        self.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=key,
                  windowsVirtualKeyCode=code)

    def screen(self, width: int, height: int, zoom: float = 1, text_size: float = 1,
               mobile: bool = True) -> None:
        """A screen of `width` × `height` CSS pixels at 100 %; `zoom` shrinks the page's CSS
        viewport as the browser's zoom does, `text_size` scales the reader's default text
        size (16 px), as the browser's text size setting does."""
        self.call("Emulation.setDeviceMetricsOverride", width=round(width / zoom),
                  height=round(height / zoom), deviceScaleFactor=zoom, mobile=mobile)
        standard = round(16 * text_size)
        self.call("Page.setFontSizes", fontSizes={"standard": standard,
                                                  "fixed": round(13 * text_size)})

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def axe(self) -> list[dict]:
        """axe-core's violations on the page as it is now: rule, impact and where."""
        if not AXE.is_file():
            pytest.skip("axe-core is not installed: run `npm ci` (make test does)")
        if not self.value("typeof axe !== 'undefined'"):
            self.call("Runtime.evaluate", expression=AXE.read_text(encoding="utf-8"))
        return self.value("""axe.run(document, {resultTypes: ['violations']}).then(result =>
            result.violations.map(rule => ({id: rule.id, impact: rule.impact,
                nodes: rule.nodes.map(node => `${node.target.join(' ')}: ${node.failureSummary}`)
            })))
        """)


class Chromium:
    """A headless Chromium with a fresh profile and one tab."""

    def __init__(self, profile: Path) -> None:
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if not binary:
            pytest.skip("chromium is not installed")
        import aiohttp

        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        for _ in range(300):
            if port_file.is_file() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        else:
            self.process.kill()
            raise BrowserError("chromium did not start")
        port = port_file.read_text().split()[0]
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

        async def connect() -> tuple[Any, Any]:
            client = aiohttp.ClientSession()
            async with client.get(f"http://127.0.0.1:{port}/json") as reply:
                targets = [target for target in await reply.json() if target["type"] == "page"]
            socket = await client.ws_connect(targets[0]["webSocketDebuggerUrl"],
                                             max_msg_size=0)
            return client, socket

        self.client, socket = asyncio.run_coroutine_threadsafe(connect(), self.loop).result(30)
        self.tab = Tab(self.loop, socket)
        for domain in ("Page", "Runtime"):
            self.tab.call(f"{domain}.enable")

    def close(self) -> None:
        async def disconnect() -> None:
            await self.tab.socket.close()
            await self.client.close()

        try:
            asyncio.run_coroutine_threadsafe(disconnect(), self.loop).result(10)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=5)
            self.process.terminate()
            self.process.wait(timeout=10)
