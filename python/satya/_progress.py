"""Progress on stderr while `satya validate` runs: a rich bar when rich is
installed, else a plain one-line counter redrawn after a carriage return.

rich is imported only when a bar is drawn, so start-up stays light.
"""

from __future__ import annotations

import sys
import time

# The plain counter is redrawn at most this often (seconds).
PLAIN_REFRESH = 0.1


def _size(n: float) -> str:
    if n < 1000:
        return f"{n:.0f} B"
    for unit in ("kB", "MB", "GB"):
        n /= 1000
        if n < 999.95:  # what would not round up to 1000.0
            break
    return f"{n:.1f} {unit}"


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}"


class _NoProgress:
    def advance(self, nbytes: int, nrecords: int) -> None:
        pass

    def close(self) -> None:
        pass


class _PlainProgress:
    """One line on stderr, redrawn after a carriage return."""

    def __init__(self, total: int | None, stream):
        self.total = total
        self.stream = stream
        self.done = 0
        self.records = 0
        self.start = time.perf_counter()
        self.last_draw = 0.0
        self.width = 0
        self._draw()

    def advance(self, nbytes: int, nrecords: int) -> None:
        self.done += nbytes
        self.records += nrecords
        now = time.perf_counter()
        if now - self.last_draw >= PLAIN_REFRESH:
            self._draw(now)

    def _draw(self, now: float | None = None) -> None:
        now = time.perf_counter() if now is None else now
        self.last_draw = now
        elapsed = now - self.start
        rate = self.records / elapsed if elapsed > 0 else 0.0
        if self.total is None:
            parts = [_size(self.done)]
        else:
            pct = 100.0 * self.done / self.total if self.total else 100.0
            parts = [f"{_size(self.done)} / {_size(self.total)} ({pct:.0f}%)"]
        parts.append(f"{self.records:,} records")
        parts.append(f"{rate:,.0f} records/s")
        if self.total is not None and self.done and elapsed > 0:
            left = (self.total - self.done) * elapsed / self.done
            parts.append(f"{_clock(left)} left")
        line = "satya: " + "  ".join(parts)
        pad = " " * max(0, self.width - len(line))
        self.width = len(line)
        self.stream.write("\r" + line + pad)
        self.stream.flush()

    def close(self) -> None:
        self._draw()
        self.stream.write("\n")
        self.stream.flush()


def _rich_progress(total: int | None, stream):
    from rich.console import Console
    from rich.progress import (BarColumn, DownloadColumn, Progress, ProgressColumn, TextColumn,
                               TimeRemainingColumn)
    from rich.text import Text

    class RecordsColumn(ProgressColumn):
        def render(self, task):
            records = task.fields.get("records", 0)
            elapsed = task.elapsed or 0.0
            rate = records / elapsed if elapsed > 0 else 0.0
            return Text(f"{records:,} records  {rate:,.0f} records/s", style="progress.data.speed")

    class RichProgress:
        def __init__(self):
            self.progress = Progress(
                TextColumn("satya"), BarColumn(), DownloadColumn(), RecordsColumn(), TimeRemainingColumn(),
                console=Console(file=stream), transient=False,
            )
            self.task = self.progress.add_task("validate", total=total, records=0)
            self.records = 0
            self.progress.start()

        def advance(self, nbytes: int, nrecords: int) -> None:
            self.records += nrecords
            self.progress.update(self.task, advance=nbytes, records=self.records)

        def close(self) -> None:
            if total is None:  # a finished bar rather than a pulsing one
                done = self.progress.tasks[0].completed
                self.progress.update(self.task, total=done)
            self.progress.stop()

    return RichProgress()


def _progress(total: int | None, enabled: bool):
    if not enabled:
        return _NoProgress()
    try:
        import rich.progress  # noqa: F401
    except ImportError:
        return _PlainProgress(total, sys.stderr)
    return _rich_progress(total, sys.stderr)
