"""Benchmark: read, validate, price and aggregate N realistic case files; print the figures.

    python benchmarks/bench.py                 # 2,000 files
    python benchmarks/bench.py --n 100000      # a region's quarter and more

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
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = Path(__file__).resolve().parent / ".data"


def _case_number(path: Path) -> str:
    import python_calamine

    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Casus").to_python()
    return next(str(r[1]) for r in rows if r and str(r[0]).startswith("Casusnummer"))


def generate(n: int) -> Path:
    """N case files in benchmarks/.data/N (re-used when complete)."""
    target = DATA / str(n)
    if (target / "klaar").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    bases = []
    for path in sorted((ROOT / "cases" / "voorbeeld").glob("*.xlsx")):
        with zipfile.ZipFile(path) as z:
            members = [(info, z.read(info)) for info in z.infolist()]
        number = _case_number(path)
        bases.append((members, number))
    for i in range(n):
        members, number = bases[i % len(bases)]
        unique = f"B{i:0{len(number) - 1}d}"[-len(number) :] if len(number) > 8 else f"B{i:011d}"
        with zipfile.ZipFile(target / f"casus-{i:07d}.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=6) as out:
            for info, data in members:
                if number.encode() in data:
                    data = data.replace(f"<t>{number}</t>".encode(), f"<t>{unique}</t>".encode())
                out.writestr(info, data)
    (target / "klaar").touch()
    return target


def _peak_mb() -> float:
    """Peak resident memory of this process and of its (reaped) worker processes, the larger one."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024


def measure(kind: str, folder: Path, cache: str | None) -> dict[str, float]:
    """Run in a subprocess: one measurement, printed as JSON."""
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
    from rendementsmeter.reader import read_cases

    pl = rm.load_prijslijst()
    kwargs = {"cache": cache} if cache else {}
    results = read_cases([folder], pl, **kwargs)
    bc = rm.build_businesscase(results, pl)
    seconds = time.perf_counter() - start
    included = sum(r.status == "opgenomen" for r in results)
    return {
        "seconds": seconds,
        "files": len(files),
        "included": included,
        "peak_mb": _peak_mb(),
        "baten": bc.totalen["baten"] / 100,
    }


def sub(kind: str, folder: Path, cache: str | None = None) -> dict[str, float]:
    args = [sys.executable, __file__, "--meet", kind, str(folder)] + (["--cache", cache] if cache else [])
    out = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="number of case files (default 2000)")
    parser.add_argument("--meet", nargs=2, metavar=("SOORT", "MAP"), help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.meet:
        print(json.dumps(measure(args.meet[0], Path(args.meet[1]), args.cache)))
        return
    t0 = time.perf_counter()
    folder = generate(args.n)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{args.n} case files in {folder} (generated/checked in {time.perf_counter() - t0:.1f} s)")
    unzip = sub("unzip", folder)
    cold = sub("businesscase", folder)
    rate = cold["files"] / cold["seconds"]
    print(f"bare unzip:        {unzip['seconds']:.2f} s ({unzip['files'] / unzip['seconds']:,.0f} files/s)")
    print(
        f"read+price+total:  {cold['seconds']:.2f} s ({rate:,.0f} files/s, {cold['included']:.0f} included, "
        f"peak {cold['peak_mb']:.0f} MB)"
    )
    print(f"ratio to unzip:    {cold['seconds'] / unzip['seconds']:.1f} x")
    with tempfile.TemporaryDirectory() as tmp:
        cache = str(Path(tmp) / "cache.sqlite")
        try:
            first = sub("businesscase", folder, cache)
            again = sub("businesscase", folder, cache)
        except subprocess.CalledProcessError as exc:
            print(f"cache: not available ({exc.stderr.strip().splitlines()[-1]})")
            return
        print(
            f"with cache, first: {first['seconds']:.2f} s; unchanged re-run: {again['seconds']:.2f} s "
            f"({again['seconds'] / args.n * 10000:.2f} s per 10,000 files)"
        )
        assert again["baten"] == cold["baten"] == first["baten"], "the cache changed a result"


if __name__ == "__main__":
    main()
