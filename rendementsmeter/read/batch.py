"""Reading a batch of case files and pooled exports: one result per file or exported case.

Files are found by `discovery`, read one by one by `reader` in worker processes (`isolation.py`,
glued by `workers`: a file that crashes or hangs the parser costs that file only), and looked up in
the cache of readings (`cache.py`) first when one is given. pandas is imported only when a pooled
export is actually read (start-up speed).
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from rendementsmeter.core.findings import Finding
from rendementsmeter.core.model import ReadResult, ValuePool
from rendementsmeter.core.output import path_text
from rendementsmeter.pricing.prijslijst import Prijslijst
from rendementsmeter.read import isolation, privacy
from rendementsmeter.read.cache import CaseCache, content_hash, context_key, stamp
from rendementsmeter.read.discovery import (
    discover,
    display_pad,
    is_export,
    pad_and_name_finding,
    regular_stat,
    suffix,
)
from rendementsmeter.read.reader import read_case
from rendementsmeter.read.workers import lost_result, worker_init, worker_read
from rendementsmeter.spec import casus as spec

log = logging.getLogger(__name__)

#: Bumped whenever reading the same bytes can give another result (new checks, other messages); a
#: cache of readings must include it in its key.
LEESVERSIE = "3"


def read_cases(
    paths: Iterable[Path | str],
    prijslijst: Prijslijst,
    vandaag: date | None = None,
    cache: CaseCache | Path | str | None = None,
    progress: Callable[[int, int], None] | None = None,
    isolated: bool = False,
) -> list[ReadResult]:
    """Read files and folders of cases: one result per file found, in a stable order, nothing left out.
    Flags the same file reached twice (a link) and a Casusnummer used in more than one file.

    Pooled exports (.parquet, or an export .csv) give one result per case. With `cache` (a CaseCache or
    the path of its SQLite file) unchanged files are not read again; the cache never changes a result.
    `progress(done, total)` follows the reading of the files that are not in the cache. `isolated`: read
    in worker processes even a single file (the app's uploads: a file from a browser never runs in the
    app's own process, whatever its size)."""
    given = [Path(p) for p in paths]
    explicit = {os.path.abspath(p) for p in given if not p.is_dir()}
    vandaag = vandaag or date.today()
    found = discover(given)  # each path as text (as pathlib writes it), not a Path per file
    started = time.time_ns()  # a file changed after this may have been hashed before its change
    stats = {p: regular_stat(p) for p in found}
    first: dict[tuple[int, int], str] = {}
    for p in found:
        info = stats[p]
        if info is not None:
            ident = (info.st_dev, info.st_ino)
            if ident not in first or (os.path.islink(first[ident]) and not os.path.islink(p)):
                first[ident] = p  # a real file before a link to it

    def original(p: str) -> str:
        info = stats[p]
        return p if info is None else first[(info.st_dev, info.st_ino)]

    todo = [p for p in found if original(p) == p]
    exports: dict[str, list[ReadResult]] = {}
    if any(is_export(p) for p in todo):
        from rendementsmeter.read.export import read_export  # lazy: pandas only for exports (start-up speed)

        exports = {p: read_export(p, set(prijslijst.items)) for p in todo if is_export(p)}
    todo = [p for p in todo if p not in exports]
    store = _open_cache(cache)
    # the privacy masks of the paths: a cache remembers them (a path's scan depends on its text only)
    # the folders of this run, and those of files given one by one (`map/*.xlsx`): the cache forgets what is
    # gone from them at the end (their masked texts tell which remembered names are theirs)
    homes = {p if p.is_dir() else p.parent for p in given}
    home_texts = sorted({path_text(h) for h in homes} - {"."})
    seen = {} if store is None else store.known_masks([path_text(p) for p in todo] + home_texts)
    masks = dict(seen)
    shown = {p: pad_and_name_finding(p, masks if store is not None else None) for p in todo}
    masked_homes = [pad_and_name_finding(t, masks)[0] for t in home_texts] if store is not None else []
    if store is not None and len(masks) > len(seen):
        store.remember_masks({t: m for t, m in masks.items() if t not in seen})
    pads = {p: pad for p, (pad, _) in shown.items()}
    names = {p: named for p, (_, named) in shown.items()}
    absolute = {p: found[p] for p in todo}
    regular = {p: info for p in todo if (info := stats[p]) is not None}
    cached: dict[str, ReadResult] = {}
    hashes: dict[str, str] = {}
    context = context_key(prijslijst.versie) + f"|{LEESVERSIE}"

    def key(p: str, content: str) -> str:  # the same bytes as .ods or .xlsx read differently
        return CaseCache.key(content, f"{context}|{suffix(p).lower()}")

    if store is not None:
        known = store.known_hashes({absolute[p]: stamp(info) for p, info in regular.items()})
        fresh = []
        for p, info in regular.items():
            if absolute[p] in known:
                hashes[p] = known[absolute[p]]
                continue
            try:
                hashes[p] = content_hash(p)
            except OSError:
                continue  # unreadable: the normal path reports it
            fresh.append((absolute[p], info, hashes[p]))
        store.remember(fresh, started)
        hits = store.get_many([key(p, h) for p, h in hashes.items()], [pads[p] for p in hashes], vandaag)
        cached = {p: r for p, r in zip(hashes, hits, strict=True) if r is not None}
        for p, r in cached.items():  # stored without it: it depends on the path, not on the bytes
            named = names[p]
            if named is not None:
                r.findings.insert(0, named)
    items = [(p, absolute[p] in explicit) for p in todo if p not in cached]
    done = [0]

    def step(n: int) -> None:
        done[0] += n
        if progress is not None:
            progress(done[0], len(items))

    step(0)
    read: list[ReadResult] = []
    settings = replace(isolation.SETTINGS, mode="altijd") if isolated else isolation.SETTINGS
    if isolation.use_pool(len(items), settings):
        try:
            outcomes = isolation.run_all(
                worker_read, items, init=worker_init, initargs=(prijslijst, vandaag), settings=settings, progress=step
            )
            read = [
                o.value if not o.error else lost_result(pads[p], o) for (p, _), o in zip(items, outcomes, strict=True)
            ]
        except isolation.PoolUnavailable as exc:  # the guards still protect the in-process reading
            log.debug("geen werkprocessen, lezen in dit proces: %s", exc)
    if len(read) != len(items):
        read, done[0] = [], 0
        for p, e in items:
            read.append(read_case(p, prijslijst, vandaag, explicit=e))
            step(1)
    by_path = dict(zip([p for p, _ in items], read, strict=True))
    if store is not None:
        # stored before the batch-level checks below add their findings; under the hash of the bytes
        # that were actually read (the file may have changed since it was hashed above)
        # only readings of bytes that were actually read, stored under the hash of those very bytes
        # (the file may have changed since it was hashed above), without the finding about the path
        stored = []
        for p, r in by_path.items():
            if r.inhoud and not r.detail:
                named = names[p]
                findings = [f for f in r.findings if f != named]
                stored.append((key(p, r.inhoud), replace(r, findings=findings)))
        store.put_many(stored)
        store.remember(
            [(absolute[p], regular[p], r.inhoud) for p, r in by_path.items() if r.inhoud and p in regular], started
        )
        contents = set(hashes.values()) | {r.inhoud for r in by_path.values() if r.inhoud}
        changed = bool(fresh) or any(r.inhoud for r in by_path.values())
        folders = sorted({os.path.abspath(h) for h in homes})
        store.forget(folders, set(found.values()), contents, changed, masked_homes)
        store.close()
    pool = ValuePool()  # (the cache shares values as it decodes)
    for r in by_path.values():
        if r.case is not None:
            pool.case(r.case)
    by_path.update(cached)
    results = []
    for p in found:
        if p in exports:
            results.extend(exports[p])
            continue
        if p in by_path:
            results.append(by_path[p])
            continue
        pad = display_pad(p)
        results.append(
            ReadResult.rejected(
                pad,
                "bestand-dubbel",
                f"Dit is hetzelfde bestand als {display_pad(original(p))} (via een snelkoppeling "
                "of een tweede naam); dat is één keer gelezen, deze keer overgeslagen.",
                overgeslagen=True,
            )
        )
    if exports and len(results) > sum(len(v) for v in exports.values()):
        workbooks = any(r.case is not None and "#" not in r.pad for r in results)
        for p, cases in exports.items():
            if workbooks and cases:
                cases[0].findings.append(Finding(
                    cases[0].pad, "export-naast-casussen",
                    f"De export {display_pad(p)} wordt samen met casusbestanden gelezen. Zijn het dezelfde casussen "
                    "(van uw eigen organisatie), dan tellen ze dubbel: haal de export of de casusbestanden uit de "
                    "map.",
                ))  # fmt: skip
    for res in results:
        if res.detail:
            log.debug("%s:\n%s", res.pad, res.detail)
    _flag_duplicate_numbers(results)
    return results


def _open_cache(cache: CaseCache | Path | str | None) -> CaseCache | None:
    if cache is None or isinstance(cache, CaseCache):
        return cache
    return CaseCache(cache)


def _flag_duplicate_numbers(results: list[ReadResult]) -> None:
    keyed = [(res, res.case.casusnummer.casefold()) for res in results if res.case is not None]
    counts = Counter(key for _, key in keyed)
    if len(counts) == len(keyed):  # the usual case, and a pool's million cases: no number twice
        return
    by_number: dict[str, list[ReadResult]] = defaultdict(list)
    for res, key in keyed:
        if counts[key] > 1:
            by_number[key].append(res)
    for group in by_number.values():  # each of two or more
        for res in group:
            others = ", ".join(o.pad for o in group if o is not res)
            number = res.case.casusnummer if res.case else ""
            res.findings.append(
                Finding(
                    res.pad,
                    "casusnummer-dubbel",
                    f"Casusnummer '{privacy.shown(number)}' staat ook in {others}. Geef elke casus een eigen nummer, of verwijder "
                    "de dubbele kopie; beide blijven buiten de business case tot dit is opgelost.",
                    blad=spec.CASE_SHEET,
                )
            )
