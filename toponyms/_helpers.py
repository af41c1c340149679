"""Helper processes that resolve a column's new values while the row loop goes on.

``toponyms normalize`` reads rows in one process; resolving a value it has not met before is the
costly part of the job. With ``--jobs N`` it forks N - 1 helpers once the data is loaded (they
share the loaded gazetteer with the parent, copy-on-write) and sends them new values in small
batches; they send back the result fields. The parent resolves a value itself when every helper
already has a full queue, so the work balances without a scheduler. Each value is resolved by
the same resolver over the same data wherever it runs, so the output does not depend on the
number of jobs.

Only where ``os.fork`` exists (Linux, macOS, the BSDs); elsewhere ``normalize`` runs in one
process. A helper that dies is not fatal: its outstanding values are resolved by the parent.
"""

from __future__ import annotations

import gc
import os
import select
import signal
import threading
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection, Pipe
from multiprocessing.reduction import ForkingPickler
from queue import SimpleQueue
from typing import Generic, TypeVar

#: The result of resolving one value for ``normalize``: its result fields, and the method.
Outcome = tuple[str, str]
#: What a value is resolved under (for ``normalize``: its country and admin-1 hints).
H = TypeVar("H")
#: What a helper's work returns for one value.
T = TypeVar("T")

#: New values sent to a helper at once.
BATCH = 16
#: Values a helper may have in hand (sent and not yet answered) before the parent stops
#: sending it more: deep enough that it never runs dry between two visits of the row loop,
#: which come a block (some tens of milliseconds) apart, while known names take microseconds.
#: The helper's reading thread takes what comes at once, so the pipes never fill up both ways.
QUEUE = 1 << 15


#: Seconds without any answer, while some are due, after which the helpers are given up (their
#: values resolved by the parent): a helper that hangs must not hang the job.
PATIENCE = 60


def available() -> bool:
    """Whether helper processes can be used on this platform (``os.fork`` and ``poll``)."""
    return hasattr(os, "fork") and hasattr(select, "poll")


def _size_bound(value: str, hint: object) -> int:
    """The most a value may take in a pipe: four bytes a character, and some overhead."""
    size = len(value)
    for part in hint if isinstance(hint, tuple) else (hint,):
        if isinstance(part, str):
            size += len(part)
    return 4 * size + 64 * (1 + (len(hint) if isinstance(hint, tuple) else 1))


def _pipe_room(conn: Connection) -> int:
    """How many bytes the pipe behind a connection holds (enlarged where the system allows)."""
    try:
        import fcntl

        return int(fcntl.fcntl(conn.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20))  # Linux
    except (ImportError, AttributeError, OSError):
        return 1 << 16  # the usual size elsewhere


class _Helper(Generic[H]):
    __slots__ = (
        "batch",
        "batch_bytes",
        "inbox",
        "inflight",
        "outbox",
        "outstanding",
        "pid",
        "room",
        "sizes",
    )

    def __init__(self, pid: int, outbox: Connection, inbox: Connection, room: int) -> None:
        self.pid, self.outbox, self.inbox = pid, outbox, inbox
        self.outstanding: dict[int, tuple[str, H]] = {}
        #: Work to send: (slot, value, hint) triples.
        self.batch: list[tuple[int, str, H]] = []
        #: Bytes the values sent and not yet answered took in the pipe (sizes: a batch each,
        #: in order), and a bound on those of the batch being filled. Kept below the pipe's
        #: room, so that a send never waits, even on a helper that has stopped reading.
        self.inflight, self.sizes, self.batch_bytes = 0, deque[int](), 0
        self.room = room


class Helpers(Generic[H, T]):
    """A set of forked helpers that resolve values through ``work``.

    Values offered wait in a backlog until a helper has room for them; the parent takes
    answers in (and passes on more values) whenever it offers a value or collects answers.

    Args:
        count: Number of helper processes (0: a set that takes no values).
        work: Resolves one (value, hint); called in the helpers, and in the parent for the
            values it takes back (``help``) or that a lost helper held.
        parent_helps: Whether ``collect(block=True)`` may resolve a value of the backlog in the
            parent rather than wait. Helpers forked before the data is loaded load it
            themselves, and the parent, which never needs it then, should not.
    """

    def __init__(
        self,
        count: int,
        work: Callable[[str, H], T],
        *,
        parent_helps: bool = True,
    ) -> None:
        self._work = work
        self._parent_helps = parent_helps
        self._helpers: list[_Helper[H]] = []
        self._backlog: deque[tuple[int, str, H]] = deque()
        #: Answers in hand that the next ``collect`` hands out.
        self._answers: list[tuple[int, T]] = []
        for _ in range(count if available() else 0):
            to_read, to_child = Pipe(duplex=False)
            from_child, to_parent = Pipe(duplex=False)
            try:
                pid = os.fork()
            except OSError:  # no more processes: go on with the helpers there are
                for conn in (to_read, to_child, from_child, to_parent):
                    conn.close()
                break
            if pid == 0:  # pragma: no cover - runs in the child, reported through the pipe
                # Nothing may return from here into the parent's code (its ``finally``
                # blocks would remove the parent's output): the child always exits here.
                try:
                    to_child.close()
                    from_child.close()
                    for other in self._helpers:  # the parent's ends of earlier helpers
                        other.outbox.close()
                        other.inbox.close()
                    _serve(to_read, to_parent, work)
                finally:
                    os._exit(1)
            to_read.close()
            to_parent.close()
            room = _pipe_room(to_child) - (1 << 14)
            self._helpers.append(_Helper(pid, to_child, from_child, room))
        self._started = bool(self._helpers)
        # One poller over the helpers' answer pipes: far cheaper per call than selectors.
        self._poller = select.poll() if self._helpers else None
        self._by_fd: dict[int, _Helper[H]] = {}
        for helper in self._helpers:
            self._poller.register(helper.inbox.fileno(), select.POLLIN)  # type: ignore[union-attr]
            self._by_fd[helper.inbox.fileno()] = helper

    def offer(self, slot: int, value: str, hint: H) -> bool:
        """Take a value to resolve; ``False`` if this set has no helpers (resolve it here)."""
        if not self._started:
            return False
        self._backlog.append((slot, value, hint))
        if len(self._backlog) >= BATCH:
            self._pump()
        return True

    @staticmethod
    def _load(helper: _Helper[H]) -> int:
        return len(helper.outstanding) + len(helper.batch)

    @classmethod
    def _has_room(cls, helper: _Helper[H], size: int) -> bool:
        return (
            cls._load(helper) < QUEUE and helper.inflight + helper.batch_bytes + size <= helper.room
        )

    def _pump(self) -> None:
        """Pass values from the backlog to helpers with room for them."""
        backlog = self._backlog
        while backlog:
            if not self._helpers:  # all lost: the parent does the rest
                self._answers += [(s, self._work(v, h)) for s, v, h in backlog]
                backlog.clear()
                return
            size = _size_bound(*backlog[0][1:])
            helper = min(self._helpers, key=self._load)
            if not self._has_room(helper, size):
                # Full: take in what has been answered since, which makes room.
                self._poll(0)
                helper = min(self._helpers, key=self._load) if self._helpers else helper
                if helper not in self._helpers or not self._has_room(helper, size):
                    return
            helper.batch.append(backlog.popleft())
            helper.batch_bytes += size
            if len(helper.batch) >= BATCH:
                self._send(helper)

    def _send(self, helper: _Helper[H]) -> None:
        batch, helper.batch = helper.batch, []
        helper.batch_bytes = 0
        for slot, value, hint in batch:
            helper.outstanding[slot] = (value, hint)
        data = bytes(ForkingPickler.dumps(batch))
        helper.sizes.append(len(data))
        helper.inflight += len(data)
        try:
            helper.outbox.send_bytes(data)
        except OSError:
            self._answers += self._lose(helper)

    def help(self) -> bool:
        """Resolve the oldest value still in the backlog here.

        Returns ``False`` if there is none, or if the parent does not help.
        """
        if not self._backlog or not self._parent_helps:
            return False
        slot, value, hint = self._backlog.popleft()
        self._answers.append((slot, self._work(value, hint)))
        return True

    def collect(self, *, block: bool) -> list[tuple[int, T]]:
        """Answers in hand (with ``block``, make or wait for some if there are none yet).

        A helper that is gone has its values resolved here instead.
        """
        self._pump()
        for helper in list(self._helpers):
            if helper.batch:
                self._send(helper)
        if any(h.outstanding for h in self._helpers) and not self._answers:
            if not self._poll(0) and block and not self.help():
                waited = 0
                while not self._answers and any(h.outstanding for h in self._helpers):
                    if self._poll(1000):
                        waited = 0
                        continue
                    waited += 1
                    if waited >= PATIENCE:  # the helpers are stuck: the parent takes over
                        while self._helpers:
                            self._answers += self._lose(self._helpers[0])
        elif block and not self._answers:
            self.help()
        found, self._answers = self._answers, []
        return found

    def _poll(self, timeout: int) -> bool:
        """Take in every answer the helpers have sent so far; whether there was any.

        Waits up to ``timeout`` milliseconds for a first one. Every waiting message is read:
        a helper far ahead must not be fed one batch per visit.
        """
        if self._poller is None:
            return False
        took = False
        events = self._poller.poll(timeout)
        while events:
            for fd, _event in events:
                helper = self._by_fd.get(fd)
                if helper is None or helper not in self._helpers:
                    continue
                try:
                    answers: list[tuple[int, T]] = helper.inbox.recv()
                except (EOFError, OSError):
                    self._answers += self._lose(helper)
                    continue
                for slot, _outcome in answers:
                    helper.outstanding.pop(slot, None)
                if helper.sizes:  # the answers to the oldest batch still in flight
                    helper.inflight -= helper.sizes.popleft()
                self._answers += answers
            took = True
            events = self._poller.poll(0)
        return took

    def _lose(self, helper: _Helper[H]) -> list[tuple[int, T]]:
        """Drop a helper that is gone, and resolve what it held here."""
        self._helpers.remove(helper)
        if self._poller is not None:
            self._poller.unregister(helper.inbox.fileno())
        self._stop(helper)
        held = [*helper.outstanding.items(), *((s, (v, h)) for s, v, h in helper.batch)]
        return [(slot, self._work(value, hint)) for slot, (value, hint) in held]

    def close(self) -> None:
        """Stop every helper (after their answers were collected, or on failure)."""
        while self._helpers:
            self._stop(self._helpers.pop())

    @staticmethod
    def _stop(helper: _Helper[H]) -> None:
        for conn in (helper.outbox, helper.inbox):
            conn.close()
        try:
            # SIGKILL: it also ends a helper that is stopped, which SIGTERM would leave waiting.
            os.kill(helper.pid, signal.SIGKILL)
            os.waitpid(helper.pid, 0)
        except (ChildProcessError, ProcessLookupError):
            pass


def _serve(inbox: Connection, outbox: Connection, work: Callable[[str, H], object]) -> None:
    """The helper's loop: answer batches until the parent closes the pipe, then exit.

    A thread takes the batches off the pipe as they come, so the parent's sends never wait on
    this process while it is itself waiting to send answers the parent has not read yet.
    """
    # Ctrl-C is the parent's to handle; a helper ends when its pipe closes or it is told to.
    # A termination signal ends it at once (the parent's handler, which cleans up the
    # parent's files, is not the helper's to run).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A collection would walk (and so copy, page by page) every object it shares with the
    # parent; a short-lived helper makes no cycles worth collecting.
    gc.disable()
    batches: SimpleQueue[list[tuple[int, str, H]] | None] = SimpleQueue()

    def take() -> None:
        try:
            while True:
                batches.put(inbox.recv())
        except (EOFError, OSError):
            batches.put(None)

    threading.Thread(target=take, daemon=True).start()
    code = 0
    try:
        while (batch := batches.get()) is not None:
            outbox.send([(slot, work(value, hint)) for slot, value, hint in batch])
    except (EOFError, OSError):
        pass
    except BaseException:  # nothing may escape a forked child: it exits here
        code = 1
    os._exit(code)
