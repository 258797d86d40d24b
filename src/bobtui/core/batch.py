"""Exporting many meetings at once, the work split over processes.

Reading a meeting, building its summary and rendering its files is pure CPU work in Python, so
threads would take turns; worker processes each open the store themselves (read only) and hand
back the rendered files, while this process writes them all or nothing
(:func:`~bobtui.core.documents.export.write_rendered_batch`): a worker's failure leaves no file.
Workers are spawned, never forked: the app that asks has threads of its own. A short batch is
done here, before worker processes would have started (make bench).
"""

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bobtui.core.documents.export import (
    BatchPlan,
    ExportFormat,
    meeting_formats,
    render_all,
    write_rendered_batch,
)
from bobtui.core.documents.letterhead import letterhead_of
from bobtui.core.documents.profiles import Profile
from bobtui.core.documents.summary import Letterhead, build_summary
from bobtui.core.store.audit import ExportMark, record_export

if TYPE_CHECKING:
    from bobtui.core.config.settings import Settings
    from bobtui.core.questions.sets import Catalog
    from bobtui.core.store.engine import Store

PARALLEL_FROM = 24
"""Meetings from which a batch is worth worker processes (each takes about half a second to
import the store before its first meeting)."""


@dataclass(frozen=True)
class _Job:
    url: str
    settings: "Settings"
    profile: Profile
    mask_bsn: bool
    letterhead: Letterhead


def _render(
    store: "Store", catalog: "Catalog", job: _Job, meeting_id: int, formats: Sequence[ExportFormat]
) -> list[str | bytes]:
    from bobtui.core.session import open_meeting

    snapshot = open_meeting(store, meeting_id, catalog).snapshot()
    summary = build_summary(snapshot, job.profile, mask_bsn=job.mask_bsn, letterhead=job.letterhead)
    return render_all(summary, formats)


_worker: "tuple[Store, Catalog, _Job] | None" = None
"""This worker process's store, question sets and job, opened once when it starts."""


def _start_worker(job: _Job) -> None:
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.store.engine import Store, create_store_engine

    global _worker
    # The asking process opened (checked, migrated) this store; a worker only reads from it.
    store = Store(create_store_engine(job.url), job.url)
    _worker = (store, default_catalog(job.settings.paths), job)


def _render_in_worker(meeting_id: int, formats: Sequence[ExportFormat]) -> list[str | bytes]:
    assert _worker is not None, "started by _start_worker"
    return _render(*_worker, meeting_id, formats)


def audit_export(
    store: "Store",
    meetings: Iterable[tuple[int, str]],
    formats: Iterable[str],
    profile: Profile,
    *,
    mask_bsn: bool,
) -> None:
    """Put in the audit trail that these meetings (id, case code) are exported: the formats,
    the profile, whether confidential notes and BSN-like numbers went along. Before writing:
    an export that cannot be recorded is not made."""
    mark = ExportMark(
        "verslag",
        ",".join(dict.fromkeys(formats)),
        profile.name,
        confidential=profile.include_confidential,
        bsn_masked=mask_bsn,
    )
    record_export(store, mark, list(dict.fromkeys(meetings)))


def default_workers() -> int:
    """One worker per core this process may use (at least one)."""
    return max(1, len(os.sched_getaffinity(0)))


def export_batch(
    store: "Store",
    catalog: "Catalog",
    plan: BatchPlan,
    settings: "Settings",
    *,
    mask_bsn: bool = False,
    progress: Callable[[int], None] = lambda done: None,
    workers: int | None = None,
) -> Path:
    """Write every file of ``plan`` and its index, all or nothing; returns the index.

    ``catalog`` serves this process; each worker loads the question sets of ``settings``.
    ``workers``: processes to render in (default: one per core); 1 renders in this process."""
    job = _Job(store.url, settings, plan.profile, mask_bsn, letterhead_of(settings))
    jobs = meeting_formats(plan)
    audit_export(
        store,
        ((item.meeting.id, item.meeting.case_code) for item in plan.items),
        (item.export_format for item in plan.items),
        plan.profile,
        mask_bsn=mask_bsn,
    )
    workers = min(workers or default_workers(), len(jobs))
    if workers < 2 or len(jobs) < PARALLEL_FROM:
        here = (_render(store, catalog, job, i, formats) for i, formats in jobs.items())
        return write_rendered_batch(plan, here, progress)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, context, initializer=_start_worker, initargs=(job,)) as pool:
        rendered: Iterator[list[str | bytes]] = pool.map(
            _render_in_worker, jobs.keys(), jobs.values(), chunksize=4
        )
        try:
            return write_rendered_batch(plan, rendered, progress)
        finally:
            pool.shutdown(cancel_futures=True)
