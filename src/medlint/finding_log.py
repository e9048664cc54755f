"""A run's findings in report order, kept on disk once there are many.

A site-wide run can find a hundred thousand problems, and the report lists
them sorted by file and place. Holding every one until the end made memory
grow with the site. Instead, a FindingLog holds a batch in memory; when the
batch is full it is sorted and written to an unnamed temporary file (gone
when the run ends, however it ends), and reading the log merges the sorted
batches back (``heapq.merge``, a few hundred findings per batch in memory at
a time). Memory then stays flat however many pages are checked, and the
findings come out exactly as one stable sort of them all would order them.

The counts a summary needs (by severity, fixable, files affected) are kept
as findings are added, so reporters need not read the log twice for them.
"""

from __future__ import annotations

import heapq
import itertools
import operator
import pickle
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, BinaryIO, overload

import msgspec

from medlint.errors import MedlintError
from medlint.findings import Finding, Severity

# Findings held in memory before a sorted batch goes to disk: about 8 MB, and more than most runs find.
SPILL_AFTER = 20_000
# Findings per pickle in a batch on disk: what reading holds of each batch at once.
_CHUNK = 500


def _sort_key(finding: Finding) -> tuple[str, int, int, str]:
    return finding.sort_key


# On disk a finding is the tuple of its fields: pickled and read back in about half the time of the object.
_row = operator.attrgetter(*Finding.__struct_fields__)


class FindingCounts(msgspec.Struct):
    """What a summary says of some findings."""

    total: int = 0
    by_severity: dict[Severity, int] = msgspec.field(default_factory=lambda: dict.fromkeys(Severity, 0))
    fixable: int = 0
    fix_refused: int = 0  # findings whose rule has a fix that would break the page there
    paths: set[str] = msgspec.field(default_factory=set)  # files with at least one finding

    def add(self, finding: Finding) -> None:
        self.total += 1
        self.by_severity[finding.severity] += 1
        self.fixable += finding.fix is not None
        self.fix_refused += bool(finding.fix_refused)
        self.paths.add(finding.path)

    def any_at_least(self, severity: Severity) -> bool:
        return any(n for s, n in self.by_severity.items() if s >= severity)


def counts_of(findings: Iterable[Finding]) -> FindingCounts:
    """The counts of any findings: kept already by a FindingLog, else counted."""
    if isinstance(findings, FindingLog):
        return findings.counts
    counts = FindingCounts()
    for finding in findings:
        counts.add(finding)
    return counts


class FindingLog(Sequence[Finding]):
    """Findings added in any order, read back sorted by ``Finding.sort_key`` (ties in the order added)."""

    def __init__(self, findings: Iterable[Finding] = (), spill_after: int = SPILL_AFTER) -> None:
        self.counts = FindingCounts()
        self._spill_after = spill_after
        self._batch: list[Finding] = []
        self._batch_sorted = True
        self._file: BinaryIO | None = None
        self._spilled: list[list[tuple[int, int]]] = []  # each batch on disk: offset and length of its chunks
        self.extend(findings)

    def extend(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.counts.add(finding)
            self._batch.append(finding)
            self._batch_sorted = False
            if len(self._batch) >= self._spill_after:
                self._spill()

    def _spill(self) -> None:
        if self._file is None:
            import tempfile  # here: only a run with very many findings needs it

            try:
                # Open for the log's life; unnamed, so it is gone when closed or when the process ends.
                # Unbuffered: a failed write leaves nothing behind to fail again later.
                self._file = tempfile.TemporaryFile(prefix="medlint-findings-", buffering=0)  # noqa: SIM115
            except OSError:  # no writable temporary folder: keep them in memory, as small runs do
                self._keep_in_memory()
                return
        self._sort_batch()
        chunks = [
            pickle.dumps([_row(f) for f in self._batch[start : start + _CHUNK]], pickle.HIGHEST_PROTOCOL)
            for start in range(0, len(self._batch), _CHUNK)
        ]
        end = position = self._file.seek(0, 2)
        try:
            for data in chunks:
                _write_all(self._file, data)
        except OSError:  # the disk is full, or a file size limit: this batch stays in memory, and the next
            self._file.truncate(end)
            self._keep_in_memory()
            return
        places = []
        for data in chunks:
            places.append((position, len(data)))
            position += len(data)
        self._spilled.append(places)
        self._batch = []

    def _keep_in_memory(self) -> None:
        """Spill no more: a run that cannot write its findings still reports them all."""
        self._spill_after = sys.maxsize

    def _sort_batch(self) -> None:
        if not self._batch_sorted:
            self._batch.sort(key=_sort_key)
            self._batch_sorted = True

    def _read(self, places: list[tuple[int, int]]) -> Iterator[Finding]:
        assert self._file is not None
        for offset, length in places:
            try:
                self._file.seek(offset)  # other batches' readers move the file between chunks
                rows: list[tuple[Any, ...]] = pickle.loads(_read_all(self._file, length))
            except (EOFError, OSError, pickle.UnpicklingError) as error:
                # The file is the run's own, unnamed; only another process (through /proc) or a failing
                # disk can have cut it short or changed it. The findings in it are lost: say so, do not guess.
                detail = getattr(error, "strerror", None) or error
                raise FindingsLost(
                    "",
                    f"the findings this run had put in a temporary file could not be read back ({detail}); "
                    "the report is incomplete. Run again",
                ) from None
            yield from (Finding(*row) for row in rows)

    def __iter__(self) -> Iterator[Finding]:
        self._sort_batch()
        if not self._spilled:
            return iter(list(self._batch))  # a copy: adding while reading must not disturb the reader
        batches: list[Iterable[Finding]] = [self._read(places) for places in self._spilled]
        return heapq.merge(*batches, list(self._batch), key=_sort_key)

    def __len__(self) -> int:
        return self.counts.total

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Finding]: ...

    def __getitem__(self, index: int | slice) -> Finding | Sequence[Finding]:
        if isinstance(index, slice) or index < 0:
            return list(self)[index]
        if index >= len(self):
            raise IndexError("finding index out of range")
        return next(itertools.islice(iter(self), index, None))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, (str, bytes)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        where = f", {len(self._spilled)} batches on disk" if self._spilled else ""
        return f"FindingLog({self.counts.total} findings{where})"


class FindingsLost(MedlintError):
    """The run's findings on disk were cut short or changed while it ran (by another process, a disk fault)."""


def _write_all(file: BinaryIO, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = file.write(view)
        if not written:
            raise OSError("the temporary file took no more bytes")
        view = view[written:]


def _read_all(file: BinaryIO, length: int) -> bytes:
    parts = []
    while length > 0:
        part = file.read(length)
        if not part:
            raise EOFError("a batch of findings on disk ended early")
        parts.append(part)
        length -= len(part)
    return b"".join(parts)
