"""Work on the machine's other cores: forked processes, where forking is safe.

The generator is pure functions of the papers, so independent steps can run at once: the
tags of many papers in a pool (generator/transform/tagging.py), and discovery (related papers,
citations, feeds, exports) while the pages render (generator/build.py). A forked child
starts with the parent's data, so nothing is sent to it; only its result comes back.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def forkable() -> bool:
    """Whether to fork: a second core, fork available, and no other thread running. A fork
    copies only the calling thread, and a lock another thread held (`digest serve` runs
    a server and a file watcher) would stay held in the child forever."""
    return (
        (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


def freeze() -> None:
    """Before a fork: the garbage collector leaves every object made so far alone from now
    on, in this process and in the child. Otherwise the child's first collections write to
    every one of the parent's objects it sees, and the kernel copies each page they are on:
    the child ends up with a copy of the parent's data (Python's documentation of
    gc.freeze). Those objects live until the build ends anyway. At 30,000 papers the
    build's peak memory went from 1,683 to 1,499 MB (one pair of runs: RESULTS.md)."""
    gc.freeze()


class Background(Generic[T]):
    """function() running in a forked process (or, where forking is not safe, already run
    here); result() waits for its value, or raises what it raised."""

    def __init__(self, function: Callable[[], T]) -> None:
        self._value: tuple[bool, Any] | None = None
        if not forkable():
            self._value = _outcome(function)
            return
        receiving, sending = multiprocessing.get_context("fork").Pipe(duplex=False)
        context = multiprocessing.get_context("fork")
        freeze()
        self._process = context.Process(target=_send, args=(function, sending), daemon=True)
        self._process.start()
        sending.close()
        self._receiving = receiving

    def result(self) -> T:
        if self._value is None:
            try:
                self._value = self._receiving.recv()
            except EOFError:
                self._process.join()
                raise RuntimeError(
                    f"a forked worker died (exit code {self._process.exitcode}) before its result"
                ) from None
            finally:
                self._receiving.close()
                self._process.join()
        ok, value = self._value
        if not ok:
            raise value
        result: T = value
        return result


def _outcome(function: Callable[[], Any]) -> tuple[bool, Any]:
    try:
        return True, function()
    except Exception as error:
        return False, error


def _send(function: Callable[[], Any], sending: Connection) -> None:
    sending.send(_outcome(function))
    sending.close()
