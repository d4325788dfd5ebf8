"""Benchmark: every speed figure of issue 17 with its baseline, measured in the same run, and the ratio.

    python benchmarks/bench.py                          # 2,000 files
    python benchmarks/bench.py --n 10000 --herhaal 3     # the figures in the README
    python benchmarks/bench.py --n 2000 --pool 100000    # also: 100,000 cases from pooled exports

Files are made from the filled example cases in cases/voorbeeld/ (real workbooks written by the
template), each copy with its own case number, so the reader does exactly the work it does on real
files. Generated files are kept in benchmarks/.data/ for later runs. The package's bytecode is compiled
first, as pip does when it installs a package (see _compiled). Every run is a fresh process
(the command line, as a user runs it, writing the workbook), timed from outside with its peak memory
(its own and its worker processes'). The machine may be shared: each figure and its baseline are
measured alternately, `--herhaal` times, and the ratio is given per pair (median and range), so a
busy neighbour slows both sides of a pair alike.

| figure | baseline |
| --- | --- |
| `rendementsmeter --help` | `python -c "import click"` |
| unchanged re-run with --cache, incl. the workbook | a single-process bare unzip of the same files |
| cold run, incl. the workbook | the same bare unzip |
| K pooled cases (Parquet, 20 organisations) to workbook + line list + JSON | DuckDB reads the same Parquet, joins the price list and sums per case and law, fetching the rows into Python |
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def unzip(folder: Path) -> dict[str, float]:
    """The baseline: open every file's zip and decompress every part, in one process."""
    start = time.perf_counter()
    files = sorted(folder.glob("*.xlsx"))
    for f in files:
        with zipfile.ZipFile(f) as z:
            for info in z.infolist():
                z.read(info)
    return {"seconds": time.perf_counter() - start, "files": len(files), "peak_mb": _peak_mb()}


def pooled(folder: Path, cases: int, organisations: int = 20) -> Path:
    """Exports (Parquet) of `cases` cases from `organisations` organisations: the lines of the files in
    `folder`, exported once and repeated under other case ids (kept in .data)."""
    target = DATA / f"pool-{cases}"
    if (target / "klaar").exists():
        return target
    import pandas as pd

    import rendementsmeter as rm
    from rendementsmeter.read.batch import read_cases
    from rendementsmeter.read.export import export_frame

    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    base = export_frame(read_cases([generate(200)], rm.load_prijslijst()), "ORG", bytes(32))  # 200 distinct cases
    ids = base["casus_id"].unique()
    per_org = -(-cases // organisations)
    for k in range(organisations):
        want = min(per_org, cases - k * per_org)
        copies = []
        for j in range(-(-want // len(ids))):
            copy = base.copy()
            copy["organisatie"] = f"ORG{k:02d}"
            # a pseudonym as the tool makes them (16 hex characters), unique per copy
            copy["casus_id"] = copy["casus_id"].map(
                lambda c, j=j, k=k: hashlib.sha256(f"{c}/{j}/{k}".encode()).hexdigest()[:16]
            )
            copies.append(copy)
        frame = pd.concat(copies, ignore_index=True)
        frame = frame[frame.groupby("casus_id", sort=False).ngroup() < want]
        frame.to_parquet(target / f"export-org{k:02d}.parquet", index=False)
    (target / "klaar").touch()
    return target


def duckdb_baseline(folder: Path) -> dict[str, float]:
    """DuckDB reads the pooled Parquet, joins the price list and sums per case and law; rows fetched."""
    start = time.perf_counter()
    import duckdb
    import pyarrow as pa

    import rendementsmeter as rm

    items = rm.load_prijslijst().items.values()
    prijs = pa.table({"code": [i.code for i in items], "wet": [i.wet for i in items],
                      "prijs": [float(i.prijs) for i in items]})  # fmt: skip
    con = duckdb.connect()
    con.register("prijs", prijs)
    rows = con.execute(
        f"""SELECT e.organisatie, e.casus_id, p.wet,
                   sum(e.aantal * p.prijs * coalesce(e.kans, 100) / 100) AS bedrag
            FROM read_parquet('{folder}/*.parquet') e JOIN prijs p USING (code)
            GROUP BY ALL"""
    ).fetchall()
    return {"seconds": time.perf_counter() - start, "rows": len(rows), "peak_mb": _peak_mb()}


def arrow_baseline(folder: Path) -> dict[str, float]:
    """The same aggregation in pyarrow compute (dataset scan, hash join, hash group-by)."""
    start = time.perf_counter()
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    import rendementsmeter as rm

    items = rm.load_prijslijst().items.values()
    prijs = pa.table({"code": [i.code for i in items], "wet": [i.wet for i in items],
                      "prijs": [float(i.prijs) for i in items]})  # fmt: skip
    lines = ds.dataset(sorted(map(str, folder.glob("*.parquet"))), format="parquet").to_table(columns=["organisatie", "casus_id", "code", "aantal",
                                                                        "kans"])  # fmt: skip
    joined = lines.join(prijs.cast(pa.schema([("code", lines.schema.field("code").type), ("wet", pa.string()),
                                        ("prijs", pa.float64())])), "code")  # fmt: skip
    kans = pc.divide(pc.cast(pc.fill_null(joined["kans"], 100), pa.float64()), 100.0)
    joined = joined.append_column("bedrag", pc.multiply(pc.multiply(joined["aantal"], joined["prijs"]), kans))
    summed = joined.group_by(["organisatie", "casus_id", "wet"]).aggregate([("bedrag", "sum")])
    rows = summed.to_pylist()
    return {"seconds": time.perf_counter() - start, "rows": len(rows), "peak_mb": _peak_mb()}


def _warm(folder: Path) -> None:
    """Read every file once, so that the page cache is warm for every measurement alike."""
    for f in folder.glob("*.xlsx"):
        f.read_bytes()


def timed(args: list[str]) -> dict[str, float]:
    """Run a command in a fresh process; wall time and peak memory (its own or a worker's)."""
    with tempfile.TemporaryFile() as err:  # a file, not a pipe: a full pipe would stop the command
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):  # 1: some files with findings, still a business case
            err.seek(0)
            raise RuntimeError(f"{args}: exit {proc.returncode}\n{err.read().decode()[-2000:]}")
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024}


def sub(kind: str, where: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--meet", kind, str(where)], capture_output=True, text=True,
                         check=True)  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


CLI = [sys.executable, "-m", "rendementsmeter"]


def pairs(n: int, baseline: Callable[[], dict[str, float]], run: Callable[[], dict[str, float]]) -> dict[str, Any]:
    """`n` alternating (baseline, run) pairs: medians, and the ratio per pair (median, lowest, highest)."""
    base, runs, ratios = [], [], []
    for _ in range(n):
        b, r = baseline(), run()
        base.append(b)
        runs.append(r)
        ratios.append(r["seconds"] / b["seconds"])
    return {
        "baseline": statistics.median(b["seconds"] for b in base),
        "seconds": statistics.median(r["seconds"] for r in runs),
        "peak_mb": max(r["peak_mb"] for r in runs),
        "ratio": statistics.median(ratios),
        "ratio_range": (min(ratios), max(ratios)),
        "runs": runs,
    }


def show(name: str, target: float, res: dict[str, Any], baseline: str) -> None:
    lo, hi = res["ratio_range"]
    verdict = "binnen doel" if res["ratio"] <= target else "BUITEN doel"
    print(f"{name}: {res['seconds']:.2f} s, peak {res['peak_mb']:.0f} MB; {baseline}: {res['baseline']:.2f} s; "
          f"ratio {res['ratio']:.2f}x (range {lo:.2f}-{hi:.2f}, n={len(res['runs'])}); doel <= {target:g}x: "
          f"{verdict}")  # fmt: skip


def imports_of(args: list[str]) -> list[str]:
    """Which of pandas, numpy, pyarrow a command loads (python -X importtime)."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "rendementsmeter", *args], capture_output=True,
                         text=True)  # fmt: skip
    heavy = {"pandas", "numpy", "pyarrow"}
    return sorted({line.split("|")[-1].strip() for line in out.stderr.splitlines()} & heavy)


def _compiled() -> None:
    """The package's bytecode compiled, as pip compiles an installed package and as Python caches it on
    a first run. Where PYTHONDONTWRITEBYTECODE is set (this machine's image sets it) an editable install
    would otherwise compile every module from source at every start: 0,3-0,4 s of each run, which no
    user pays after the first."""
    import compileall

    if not compileall.compile_dir(str(ROOT / "rendementsmeter"), quiet=1):
        raise RuntimeError("rendementsmeter/ kon niet gecompileerd worden")
    print(f"bytecode: rendementsmeter/ gecompileerd (PYTHONDONTWRITEBYTECODE="
          f"{os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r} in deze omgeving)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="number of case files (default 2000)")
    parser.add_argument("--meet", nargs=2, metavar=("SOORT", "MAP"), help=argparse.SUPPRESS)
    parser.add_argument("--herhaal", type=int, default=3, help="pairs per figure (default 3)")
    parser.add_argument("--zonder-koud", action="store_true", help="skip the cold run (slow for large N)")
    parser.add_argument("--pool", type=int, metavar="K", help="also: K cases from pooled exports (Parquet)")
    args = parser.parse_args()
    if args.meet:
        kind, where = args.meet
        measures = {"unzip": unzip, "duckdb": duckdb_baseline, "arrow": arrow_baseline}
        print(json.dumps(measures[kind](Path(where))))
        return
    t0 = time.perf_counter()
    folder = generate(args.n)
    print(f"{time.strftime('%Y-%m-%d %H:%M')}; machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"{args.n} case files in {folder} (generated/checked in {time.perf_counter() - t0:.1f} s)")
    _compiled()
    k = args.herhaal
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        # 1. start-up
        click = pairs(k, lambda: timed([sys.executable, "-c", "import click"]), lambda: timed([*CLI, "--help"]))
        show("1. --help", 3, click, 'python -c "import click"')
        template = ["template", "-o", str(out / "t.xlsx"), "--overschrijven"]
        check = ["check", str(ROOT / "cases" / "voorbeeld" / "ouderen-01.xlsx")]
        for name, cmd in (("--help", ["--help"]), ("template", template), ("check", check)):
            print(f"   {name} laadt: {', '.join(imports_of(cmd)) or 'geen pandas/numpy/pyarrow'}")
        _warm(folder)
        run = [*CLI, "businesscase", str(folder), "-o", str(out / "bc.xlsx"), "--stil"]
        cache = str(out / "cache.sqlite")
        timed([*run, "--cache", cache])  # fills the cache
        # 2. unchanged re-run with the cache, end to end
        again = pairs(k, lambda: sub("unzip", folder), lambda: timed([*run, "--cache", cache]))
        show(f"2. herhaalde run met --cache, {args.n} bestanden", 0.2, again, "kale unzip")
        # 3. cold run, end to end
        if not args.zonder_koud:
            cold = pairs(k, lambda: sub("unzip", folder), lambda: timed(run))
            show(f"3. koude run, {args.n} bestanden", 2.5, cold, "kale unzip")
        # 4. national pool
        if args.pool:
            pool = pooled(folder, args.pool)
            arrow = pairs(k, lambda: sub("duckdb", pool), lambda: sub("arrow", pool))
            show(f"   pyarrow compute, zelfde aggregatie, {args.pool} casussen", 1, arrow, "DuckDB")
            tool = [*CLI, "businesscase", str(pool), "-o", str(out / "pool.xlsx"), "--stil", "--json"]
            whole = pairs(k, lambda: sub("duckdb", pool), lambda: timed(tool))
            show(f"4. {args.pool} casussen uit Parquet naar business case", 15, whole, "DuckDB lezen+join+som")
            print(f"   piekgeheugen {whole['peak_mb']:.0f} MB (doel <= 2048 MB)")


if __name__ == "__main__":
    main()
