"""Fetching from the web politely: a pause between requests, retries with growing waits.

The function that does the request is injected (`Client.fetch`), so tests run on recorded
responses and never touch the network; `urllib_fetch` is the real one (the standard library).
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

Fetch = Callable[[str], bytes]
USER_AGENT = "paper-digest/0.1 (digest import; a static site of papers)"
TRANSIENT = frozenset({408, 429, 500, 502, 503, 504})  # worth another try, later
MAX_WAIT = 120.0  # seconds: a longer Retry-After is cut to this


class FetchError(Exception):
    """A request that failed; `transient` when trying again later may succeed."""

    def __init__(
        self, url: str, reason: str, transient: bool, retry_after: float | None = None
    ) -> None:
        super().__init__(f"cannot fetch {url}: {reason}")
        self.transient = transient
        self.retry_after = retry_after


def urllib_fetch(url: str, timeout: float = 60.0) -> bytes:
    """The body of a GET request, or a FetchError saying why there is none."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as error:
        reason = f"HTTP {error.code} {error.reason}"
        wait = _seconds(error.headers.get("Retry-After") if error.headers else None)
        raise FetchError(url, reason, error.code in TRANSIENT, wait) from None
    except urllib.error.URLError as error:
        raise FetchError(url, str(error.reason), transient=True) from None
    except (OSError, http.client.HTTPException) as error:  # timeouts, resets, bad responses
        raise FetchError(url, str(error) or type(error).__name__, transient=True) from None


@dataclass
class Client:
    """Requests to one service: at most one every `interval` seconds (arXiv asks for 3), and
    up to `retries` more tries of a transient failure, waiting 2, 4, 8 ... intervals (or
    what the server's Retry-After says)."""

    fetch: Fetch = urllib_fetch
    interval: float = 3.0
    retries: int = 3
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    tell: Callable[[str], None] = lambda message: None  # hears of each retry
    last: float | None = None  # when the last request ended

    def get(self, url: str) -> bytes:
        for attempt in range(self.retries + 1):
            if self.last is not None:
                pause = self.interval - (self.clock() - self.last)
                if pause > 0:
                    self.sleep(pause)
            try:
                body = self.fetch(url)
            except FetchError as error:
                self.last = self.clock()
                if not error.transient or attempt == self.retries:
                    raise
                wait = min(error.retry_after or self.interval * 2 ** (attempt + 1), MAX_WAIT)
                self.tell(f"{error}; trying again in {wait:g} s")
                self.sleep(wait)
                continue
            self.last = self.clock()
            return body
        raise AssertionError("unreachable")  # pragma: no cover


def _seconds(value: str | None) -> float | None:
    """A Retry-After header given in seconds (the HTTP-date form is not used here)."""
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None
