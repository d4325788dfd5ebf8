"""Benchmark: read, validate, price and aggregate N realistic case files; print the figures.

    python benchmarks/bench.py                 # 2,000 files
    python benchmarks/bench.py --n 100000 --zonder-cache   # a region's quarter and more
    python benchmarks/bench.py --n 2000 --pool 1000000     # also: a million cases from pooled exports

Files are made from the filled example cases in cases/voorbeeld/ (real workbooks written by the
template), each copy with its own case number, so the reader does exactly the work it does on real
files. Generated files are kept in benchmarks/.data/N/ for later runs. Each measurement runs in a
fresh subprocess so that its peak memory is its own. Prints files per second, the ratio to a bare
unzip of the same files (measured in the same run), peak memory, and the unchanged re-run time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = Path(__file__).resolve().parent / ".data"


def _case_number(path: Path) -> str:
    import python_calamine

    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Casus").to_python()
    return next(str(r[1]) for r in rows if r and str(r[0]).startswith("Casusnummer"))


def _deflate(data: bytes) -> tuple[bytes, int, int]:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(), zlib.crc32(data), len(data)


def _zip(members: list[tuple[str, tuple[bytes, int, int]]]) -> bytes:
    """A zip (deflated members) from precompressed data, as zipfile writes it: generating 100,000
    files this way takes minutes, not the better part of an hour."""
    out, central = bytearray(), bytearray()
    for name, (packed, crc, size) in members:
        raw = name.encode()
        offset = len(out)
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(packed), size, len(raw), 0)
        out += raw + packed
        central += struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc, len(packed), size, len(raw), 0, 0, 0, 0, 0, offset
        )
        central += raw
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


def generate(n: int) -> Path:
    """N case files in benchmarks/.data/N (re-used when complete)."""
    target = DATA / str(n)
    if (target / "klaar").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    bases = []
    for path in sorted((ROOT / "cases" / "voorbeeld").glob("*.xlsx")):
        number = _case_number(path)
        with zipfile.ZipFile(path) as z:
            members = [(info.filename, z.read(info)) for info in z.infolist()]
        # members without the case number are compressed once; the one with it, per file
        packed = [(name, data if number.encode() in data else _deflate(data)) for name, data in members]
        bases.append((packed, number))
    for i in range(n):
        members, number = bases[i % len(bases)]
        unique = f"B{i:0{len(number) - 1}d}"[-len(number) :] if len(number) > 8 else f"B{i:011d}"
        parts = [
            (name, _deflate(data.replace(f"<t>{number}</t>".encode(), f"<t>{unique}</t>".encode())))
            if isinstance(data, bytes)
            else (name, data)
            for name, data in members
        ]
        (target / f"casus-{i:07d}.xlsx").write_bytes(_zip(parts))
    (target / "klaar").touch()
    return target


def _peak_mb() -> float:
    """Peak resident memory of this process and of its (reaped) worker processes, the larger one."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024


def measure(kind: str, folder: Path, cache: str | None) -> dict[str, float]:
    """Run in a subprocess: one measurement, printed as JSON. Times: the whole run (from before the
    import of rendementsmeter), and its phases: import, read (read, validate, price-check each file)
    and build (pricing, totals, double counting, review identity)."""
    files = sorted(folder.glob("*.xlsx"))
    assert files
    start = time.perf_counter()
    if kind == "unzip":
        for f in files:
            with zipfile.ZipFile(f) as z:
                for info in z.infolist():
                    z.read(info)
        return {"seconds": time.perf_counter() - start, "files": len(files), "peak_mb": _peak_mb()}
    import rendementsmeter as rm
    from rendementsmeter.read.batch import read_cases

    pl = rm.load_prijslijst()
    imported = time.perf_counter()
    kwargs = {"cache": cache} if cache else {}
    results = read_cases([folder], pl, **kwargs)
    read = time.perf_counter()
    bc = rm.build_businesscase(results, pl)
    done = time.perf_counter()
    included = sum(r.status == "opgenomen" for r in results)
    return {
        "seconds": done - start,
        "import": imported - start,
        "read": read - imported,
        "build": done - read,
        "files": len(files),
        "included": included,
        "peak_mb": _peak_mb(),
        "baten": bc.totalen["baten"] / 100,
    }


def pooled(folder: Path, cases: int) -> Path:
    """An export (Parquet) of `cases` cases: the lines of the files in `folder`, exported once and
    repeated under other organisation codes until there are enough cases (kept in .data)."""
    target = DATA / f"pool-{cases}.parquet"
    if target.exists():
        return target
    import pandas as pd

    import rendementsmeter as rm
    from rendementsmeter.read.batch import read_cases
    from rendementsmeter.read.export import export_frame

    base = export_frame(read_cases([folder], rm.load_prijslijst()), "ORG0")
    per_copy = base["casus_id"].nunique()
    copies = []
    for k in range(-(-cases // per_copy)):
        copy = base.copy()
        copy["organisatie"] = f"ORG{k}"
        copies.append(copy)
    frame = pd.concat(copies, ignore_index=True)
    keep = frame.groupby(["organisatie", "casus_id"], sort=False).ngroup() < cases
    frame[keep].to_parquet(target, index=False)
    return target


def measure_pooled(path: Path) -> dict[str, float]:
    start = time.perf_counter()
    import rendementsmeter as rm
    from rendementsmeter.read.batch import read_cases

    pl = rm.load_prijslijst()
    imported = time.perf_counter()
    results = read_cases([path], pl)
    read = time.perf_counter()
    bc = rm.build_businesscase(results, pl)
    done = time.perf_counter()
    return {
        "seconds": done - start,
        "import": imported - start,
        "read": read - imported,
        "build": done - read,
        "cases": len(results),
        "lines": len(bc.regels),
        "peak_mb": _peak_mb(),
    }


def _warm(folder: Path) -> None:
    """Read every file once, so that the page cache is warm for every measurement alike."""
    for f in folder.glob("*.xlsx"):
        f.read_bytes()


def sub(kind: str, folder: Path, cache: str | None = None) -> dict[str, float]:
    args = [sys.executable, __file__, "--meet", kind, str(folder)] + (["--cache", cache] if cache else [])
    out = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="number of case files (default 2000)")
    parser.add_argument("--meet", nargs=2, metavar=("SOORT", "MAP"), help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    parser.add_argument("--zonder-cache", action="store_true", help="skip the two cache runs (for large N)")
    parser.add_argument(
        "--pool", type=int, metavar="K", help="also: K cases from a pooled export (Parquet) to a business case"
    )
    args = parser.parse_args()
    if args.meet:
        kind, where = args.meet
        print(json.dumps(measure_pooled(Path(where)) if kind == "pool" else measure(kind, Path(where), args.cache)))
        return
    t0 = time.perf_counter()
    folder = generate(args.n)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{args.n} case files in {folder} (generated/checked in {time.perf_counter() - t0:.1f} s)")
    if args.pool:
        export = pooled(folder, args.pool)
        pool = sub("pool", export)
        print(
            f"pooled export:     {pool['cases']:,.0f} cases ({pool['lines']:,.0f} lines) to a business case in "
            f"{pool['seconds']:.1f} s (import {pool['import']:.1f}, read {pool['read']:.1f}, build "
            f"{pool['build']:.1f}), peak {pool['peak_mb']:.0f} MB"
        )
    _warm(folder)
    unzip = sub("unzip", folder)
    cold = sub("businesscase", folder)
    rate = cold["files"] / cold["seconds"]
    print(f"bare unzip:        {unzip['seconds']:.2f} s ({unzip['files'] / unzip['seconds']:,.0f} files/s)")
    print(
        f"read+price+total:  {cold['seconds']:.2f} s ({rate:,.0f} files/s, {cold['included']:.0f} included, "
        f"peak {cold['peak_mb']:.0f} MB)"
    )
    print(
        f"  of which:        import {cold['import']:.2f} s, read {cold['read']:.2f} s "
        f"({cold['files'] / cold['read']:,.0f} files/s), build {cold['build']:.2f} s"
    )
    print(f"ratio to unzip:    {cold['seconds'] / unzip['seconds']:.1f} x")
    if args.zonder_cache:
        return
    with tempfile.TemporaryDirectory() as tmp:
        cache = str(Path(tmp) / "cache.sqlite")
        try:
            first = sub("businesscase", folder, cache)
            again = sub("businesscase", folder, cache)
        except subprocess.CalledProcessError as exc:
            print(f"cache: not available ({exc.stderr.strip().splitlines()[-1]})")
            return
        per = 10000 / args.n
        print(
            f"with cache, first: {first['seconds']:.2f} s; unchanged re-run: {again['seconds']:.2f} s "
            f"({again['seconds'] * per:.2f} s per 10,000 files)"
        )
        print(
            f"  re-run phases:   import {again['import']:.2f} s, read {again['read']:.2f} s "
            f"({again['read'] * per:.2f} s per 10,000 files), build {again['build']:.2f} s"
        )
        assert again["baten"] == cold["baten"] == first["baten"], "the cache changed a result"


if __name__ == "__main__":
    main()
