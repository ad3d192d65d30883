"""Measure tqcheck: start-up, throughput against a floor, scaling, memory, --jobs, and the growth
of the name-variant and near-duplicate checks with article length.

    .venv/bin/python benchmarks/run.py                 # the full run (about 7 minutes on 2 CPUs)
    .venv/bin/python benchmarks/run.py --quick         # a smaller run, for a first look
    .venv/bin/python benchmarks/run.py --profile       # also: import times and a cProfile
    .venv/bin/python benchmarks/run.py --update-readme # write the figures into README.md

Everything is measured in one run, on corpora generated for it (benchmarks/corpus.py, seed 0)
in a temporary folder. The tqcheck under test is the console script next to sys.executable,
run as a whole process from the repository root, with ``--no-report``; its output goes to a
discarded pipe (never ``-o /dev/null``: tqcheck writes reports atomically, through a temporary
file and a rename, and a rename onto /dev/null replaces the device when run as root). The floor
is computed in this process: read, decode and one ``finditer`` pass of a 50-alternative
``regex`` pattern over the same files. Results are printed as a table and written to
benchmarks/results.json. See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402

TQCHECK = str(Path(sys.executable).parent / "tqcheck")
RESULTS = HERE / "results.json"
README = HERE / "README.md"

# The floor's pattern: 50 words and phrases of a substitution list for MT calques in Arabic news
# (case-sensitive, whole words). Its cost is what any tool pays to look at every byte once.
FLOOR_WORDS = [
    "in this regard", "on the one hand", "on the other hand", "noting that", "indicating that",
    "pointing out that", "stressing that", "confirming that", "adding that", "in turn",
    "for his part", "for her part", "in light of", "within the framework of", "in the context of",
    "with regard to", "the aforementioned", "the concerned authorities", "the competent authorities",
    "the occupation forces", "the Zionist entity", "His Excellency", "His Eminence",
    "the brotherly country", "the sisterly country", "Popular Crowd", "Party of God",
    "Army of the Guardians", "Sheikhdom", "Apparatus", "Anatolia Agency", "Brookings Foundation",
    "Coordinative Framework", "Conquest Alliance", "the organization", "deep connotations",
    "Last January", "Last February", "Last March", "Last April", "Last May", "Last June",
    "Last July", "Last August", "Last September", "Last October", "Last November",
    "Last December", "the martyr", "Networking sites",
]
assert len(FLOOR_WORDS) == 50 and len(set(FLOOR_WORDS)) == 50


def floor_pattern():
    import regex

    return regex.compile(r"\b(?:" + "|".join(regex.escape(w) for w in FLOOR_WORDS) + r")\b")


# --------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------


class ChildFailed(RuntimeError):
    pass


# Children cache their bytecode here, as an installed tqcheck does in __pycache__ (this keeps
# the measurement independent of PYTHONDONTWRITEBYTECODE and writes nothing into the tree), and
# keep tqcheck's own cache (parsed rule files, tqcheck.cache) in a folder inside it: the user's
# cache is neither read nor written.
PYCACHE = tempfile.mkdtemp(prefix="tqcheck-bench-pycache-")


def child_env() -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("FORCE_COLOR", "PYTHONPROFILEIMPORTTIME", "PYTHONDONTWRITEBYTECODE")}
    env["NO_COLOR"] = "1"
    env["PYTHONPYCACHEPREFIX"] = PYCACHE
    env["TQCHECK_CACHE_DIR"] = os.path.join(PYCACHE, "tqcheck-cache")
    env.pop("TQCHECK_NO_CACHE", None)
    return env


# Starts tqcheck and reports its wall time, peak RSS and CPU time on the descriptor in argv[1].
# The benchmark cannot start tqcheck itself and read its peak memory: Linux records a process's
# peak RSS across exec, and subprocess starts a child with vfork, in the parent's memory, so the
# child's ru_maxrss is never below the peak of this process (which generates 5000 articles). This
# launcher is small, forks, and its child's peak is tqcheck's own.
_LAUNCHER = """
import os, sys, time
out, program = int(sys.argv[1]), sys.argv[2:]
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execv(program[0], program)
    finally:
        os._exit(127)  # not started: no figures, and an exit code no check gives
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - t0
os.write(out, f"{wall} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}".encode())
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_child(args: list[str], ok=(0, 1)) -> tuple[float, int, float]:
    """Run ``tqcheck args`` from the repository root; return (wall seconds, peak RSS in KiB,
    CPU seconds) of that one process (and the workers it waited for), from wait4 in _LAUNCHER."""
    env = child_env()
    read, write = os.pipe()
    with tempfile.TemporaryFile() as err:
        try:
            proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", _LAUNCHER, str(write), TQCHECK, *args], cwd=ROOT,
                                    env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, pass_fds=(write,))
        finally:
            os.close(write)
        with os.fdopen(read, "rb") as report:
            figures = report.read().split()
        proc.wait()
        if proc.returncode not in ok or len(figures) != 3:
            err.seek(0)
            raise ChildFailed(f"tqcheck {' '.join(args)} exited {proc.returncode}: {err.read().decode(errors='replace')[-2000:]}")
    wall, rss, cpu = figures
    return float(wall), int(rss), float(cpu)


def summary(walls: list[float], rss: list[int], cpus: list[float]) -> dict:
    return {"median_s": statistics.median(walls), "runs_s": [round(w, 4) for w in walls],
            # the median, like every other figure
            "peak_rss_kib": statistics.median(rss), "peak_rss_max_kib": max(rss), "cpu_s": round(statistics.median(cpus), 3)}


def repeat_child(args: list[str], times: int, warmup: int = 0) -> dict:
    for _ in range(warmup):
        run_child(args)
    runs = [run_child(args) for _ in range(times)]
    return summary(*map(list, zip(*runs)))


def help_text(args: list[str]) -> str:
    out = subprocess.run([TQCHECK, *args], cwd=ROOT, capture_output=True, text=True, env=child_env())
    return out.stdout + out.stderr


def txt_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.txt"))


def floor_pass(files: list[Path], pattern) -> int:
    count = 0
    for path in files:
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8")
        for _ in pattern.finditer(text):
            count += 1
    return count


def measure_floor(files: list[Path], times: int) -> dict:
    pattern = floor_pattern()
    floor_pass(files, pattern)  # warm the page cache and the pattern
    walls, matches = [], 0
    for _ in range(times):
        t0 = time.perf_counter()
        matches = floor_pass(files, pattern)
        walls.append(time.perf_counter() - t0)
    return {"median_s": statistics.median(walls), "runs_s": [round(w, 5) for w in walls], "matches": matches}


def measure_growth(scales: tuple[int, ...], times: int) -> dict:
    """Time TQ401 (name-variants) and TQ710 (translated-twice) on one article of growing length,
    each on a fresh Document (so the time includes the document analysis the check asks for)."""
    from tqcheck.document import Document
    from tqcheck.rulefile import DEFAULT_RULES_DIR, load_rule

    texts = {s: corpus.long_article(s) for s in scales}
    out = {"chars": {str(s): len(t) for s, t in texts.items()}}
    for code, name in (("TQ401", "name-variants"), ("TQ710", "translated-twice")):
        check = load_rule(DEFAULT_RULES_DIR / f"{name}.yml")
        list(check.run(Document(corpus.long_article(1, seed=99))))  # lazy imports, caches
        rows = {}
        for scale, text in texts.items():
            walls, found = [], 0
            for _ in range(times):
                doc = Document(text)
                gc.collect()  # the last run's garbage is not this run's cost
                t0 = time.perf_counter()
                found = len(list(check.run(doc)))
                walls.append(time.perf_counter() - t0)
            rows[str(scale)] = {"median_s": statistics.median(walls), "findings": found}
        out[code] = rows
    return out


# --------------------------------------------------------------------------------------------
# The machine and the code measured
# --------------------------------------------------------------------------------------------


def machine() -> dict:
    info = {"nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
            "cpu_count": os.cpu_count(), "python": platform.python_version(),
            "implementation": platform.python_implementation(), "platform": platform.platform()}
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        info["cpu"] = re.search(r"^model name\s*:\s*(.*)$", cpuinfo, re.M).group(1).strip()
    except (OSError, AttributeError):
        info["cpu"] = platform.processor() or "unknown"
    try:
        kib = int(re.search(r"^MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text(), re.M).group(1))
        info["memory_gib"] = round(kib / 2**20, 1)
    except (OSError, AttributeError):
        info["memory_gib"] = None
    return info


def commit() -> str:
    """The checked-out commit, read from .git (no git command is run)."""
    git = ROOT / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:10]
        ref = head[5:]
        if (git / ref).is_file():
            return (git / ref).read_text().strip()[:10]
        for line in (git / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split()[0][:10]
    except OSError:
        pass
    return "unknown"


def tree_fingerprint() -> str:
    """A hash of tqcheck/ and rules/ as measured (the working tree may differ from the commit)."""
    h = hashlib.sha256()
    for folder in ("tqcheck", "rules"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def load() -> tuple[float, float, float]:
    try:
        return os.getloadavg()
    except OSError:
        return (0.0, 0.0, 0.0)


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------


def row(name, value, unit, target=None, passed=None, note=""):
    return {"name": name, "value": value, "unit": unit, "target": target, "pass": passed, "note": note}


def fmt(value, unit) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        if unit == "s" and value < 1:
            return f"{value * 1000:.0f} ms"
        if unit == "s":
            return f"{value:.2f} s"
        if unit == "x":
            return f"{value:.2f}x"
        if unit == "MiB":
            return f"{value:.1f} MiB"
        return f"{value:.2f} {unit}".strip()
    return f"{value} {unit}".strip()


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(args) -> dict:
    if not Path(TQCHECK).exists():
        sys.exit(f"no console script at {TQCHECK}: run with the venv's python (.venv/bin/python benchmarks/run.py)")
    quick = args.quick
    n_main = 100 if quick else 500
    n_small = n_main // 10
    n_large = n_main * 10
    reps = args.repeat or 3
    cold_reps = args.cold_repeat or (5 if quick else 7)
    scales = (1, 4) if quick else (1, 4, 16)
    started = time.strftime("%Y-%m-%d %H:%M:%S %z")
    load_before = load()
    tree_before = tree_fingerprint()

    check_help = help_text(["check", "--help"])
    has_jobs = "--jobs" in check_help
    isolated = ["--isolated"] if "--isolated" in check_help else []

    def check_args(folder: Path, jobs: int | None = 1) -> list[str]:
        extra = ["--jobs", str(jobs)] if has_jobs and jobs is not None else []
        return ["check", str(folder), "--no-report", "--format", "json", *isolated, *extra]

    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="tqcheck-bench-"))
    try:
        log(f"generating corpora of {n_small} and {n_main} articles (seed {args.seed}) in {tmp}")
        t0 = time.perf_counter()
        small, main = tmp / f"c{n_small}", tmp / f"c{n_main}"
        corpus.generate(n_small, args.seed, small)
        corpus.generate(n_main, args.seed, main)
        one = tmp / "c1"
        one.mkdir(exist_ok=True)
        shutil.copy(main / "article_00000.txt", one)
        gen_s = time.perf_counter() - t0
        main_files = txt_files(main)
        main_bytes = sum(p.stat().st_size for p in main_files)

        raw: dict = {}
        log(f"tqcheck --help x{cold_reps}")
        raw["help"] = repeat_child(["--help"], cold_reps, warmup=1)
        log(f"tqcheck seeds/ --no-report x{cold_reps}")
        raw["cold_seeds"] = repeat_child(["seeds/", "--no-report"], cold_reps, warmup=1)
        log(f"tqcheck check <1 article> x{reps}")
        raw["one_article"] = repeat_child(check_args(one), reps, warmup=1)
        log(f"floor over {n_main} articles x5")
        raw["floor_main"] = measure_floor(main_files, 5)

        # Throughput (--jobs 1) and --jobs 2, interleaved so that background load hits both alike.
        jobs_ok = has_jobs and (machine()["nproc"] or 1) >= 2
        log(f"tqcheck check <{n_main} articles> x{reps}" + (" (interleaved with --jobs 2)" if jobs_ok else ""))
        runs1, runs2 = [], []
        for _ in range(reps):
            runs1.append(run_child(check_args(main, 1)))
            if jobs_ok:
                runs2.append(run_child(check_args(main, 2)))
        raw["check_main"] = summary(*map(list, zip(*runs1)))
        if jobs_ok:
            raw["check_main_jobs2"] = summary(*map(list, zip(*runs2)))

        # Linearity: 10x the corpus. The large corpus only when one run fits in ~3 minutes.
        predicted = raw["check_main"]["median_s"] * 10
        use_large = args.large == "yes" or (args.large == "auto" and predicted <= 180 and not quick)
        if use_large:
            lo_n, hi_n = n_main, n_large
            large = tmp / f"c{n_large}"
            log(f"generating {n_large} articles; tqcheck check <{n_large} articles> x{reps} (~{predicted:.0f} s each)")
            corpus.generate(n_large, args.seed, large)
            raw["check_large"] = repeat_child(check_args(large), reps)
            lo, hi = raw["check_main"], raw["check_large"]
            raw["linearity_note"] = f"{n_large} vs {n_main} articles"
        else:
            lo_n, hi_n = n_small, n_main
            log(f"tqcheck check <{n_small} articles> x{reps} (linearity: {n_small} vs {n_main}; "
                f"{n_large} articles would take ~{predicted:.0f} s a run)")
            raw["check_small"] = repeat_child(check_args(small), reps)
            lo, hi = raw["check_small"], raw["check_main"]
            raw["linearity_note"] = (f"{n_main} vs {n_small} articles: one run over {n_large} would take "
                                     f"~{predicted:.0f} s here, so the smaller pair was used")

        log(f"TQ401 / TQ710 on one article at {', '.join(f'{s}x' for s in scales)}")
        raw["growth"] = measure_growth(scales, max(reps, 5))
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    # ---- figures and targets ----
    m = raw["check_main"]["median_s"]
    floor = raw["floor_main"]["median_s"]
    fixed = raw["one_article"]["median_s"]
    rows = [
        row("cold start: tqcheck seeds/ --no-report", raw["cold_seeds"]["median_s"], "s", "< 0.3 s",
            raw["cold_seeds"]["median_s"] < 0.3, f"median of {cold_reps}"),
        row("tqcheck --help", raw["help"]["median_s"], "s", "< 0.15 s", raw["help"]["median_s"] < 0.15, f"median of {cold_reps}"),
        row(f"check {n_main} articles (whole process, --jobs 1)", m, "s", None, None, f"median of {reps}; {main_bytes / 1e6:.2f} MB"),
        row("  throughput", round(main_bytes / 1e6 / m, 3), "MB/s"),
        row("  per article", round(m / n_main * 1000, 1), "ms"),
        row("  per article, start-up excluded", round((m - fixed) / (n_main - 1) * 1000, 1), "ms", None, None,
            f"(t{n_main} - t1) / {n_main - 1}; start-up + 1 article = {fixed:.2f} s"),
        row(f"floor: read + decode + 50-word regex pass, {n_main} articles", floor, "s", None, None,
            f"{main_bytes / 1e6 / floor:.1f} MB/s, {raw['floor_main']['matches']} matches"),
        row("check / floor (whole process)", round(m / floor, 1), "x", "<= 3x", m / floor <= 3),
        row("check / floor (start-up excluded)", round((m - fixed) / floor, 1), "x"),
    ]
    lin = hi["median_s"] / lo["median_s"]
    lin_net = (hi["median_s"] - fixed) / max(lo["median_s"] - fixed, 1e-9)
    rows.append(row(f"linearity: t({hi_n}) / t({lo_n})", round(lin, 2), "x", "<= 11x", lin <= 11,
                    f"{lo['median_s']:.2f} s -> {hi['median_s']:.2f} s; start-up excluded {lin_net:.2f}x"))
    mem_lo, mem_hi = lo["peak_rss_kib"] / 1024, hi["peak_rss_kib"] / 1024
    max_lo, max_hi = lo.get("peak_rss_max_kib", lo["peak_rss_kib"]) / 1024, hi.get("peak_rss_max_kib", hi["peak_rss_kib"]) / 1024
    rows.append(row(f"peak RSS, {lo_n} -> {hi_n} articles", round(mem_hi, 1), "MiB", "growth <= 10%",
                    mem_hi <= mem_lo * 1.10, f"median of the runs' peaks {mem_lo:.1f} -> {mem_hi:.1f} MiB "
                    f"({(mem_hi / mem_lo - 1) * 100:+.0f}%); highest run {max_lo:.1f} -> {max_hi:.1f} MiB ({(max_hi / max_lo - 1) * 100:+.0f}%)"))
    if raw.get("check_main_jobs2"):
        j2 = raw["check_main_jobs2"]["median_s"]
        cpu1, cpu2 = raw["check_main"]["cpu_s"], raw["check_main_jobs2"]["cpu_s"]
        rows.append(row("--jobs 2 speed-up over --jobs 1", round(m / j2, 2), "x", ">= 1.7x", m / j2 >= 1.7,
                        f"{m:.2f} s -> {j2:.2f} s on {machine()['nproc']} CPUs; CPU time {cpu1:.1f} s -> {cpu2:.1f} s, "
                        f"so --jobs 2 kept {cpu2 / j2:.2f} CPUs busy on average"))
    else:
        why = "tqcheck check --help does not list --jobs" if not has_jobs else "fewer than 2 CPUs"
        rows.append(row("--jobs 2 speed-up over --jobs 1", None, "x", ">= 1.7x", None, f"n/a: {why}"))
    g = raw["growth"]
    top = str(scales[-1])
    for code in ("TQ401", "TQ710"):
        t1, tn = g[code]["1"]["median_s"], g[code][top]["median_s"]
        ratio = tn / t1
        limit = scales[-1] * 1.5
        detail = ", ".join(f"{s}x {g[code][str(s)]['median_s'] * 1000:.1f} ms ({g[code][str(s)]['findings']} found)" for s in scales)
        rows.append(row(f"{code} growth, 1x -> {top}x article length", round(ratio, 1), "x",
                        f"<= {limit:g}x (near-linear)", ratio <= limit, detail))

    tree_after = tree_fingerprint()
    warnings = []
    if tree_after != tree_before:
        warnings.append(f"tqcheck/ or rules/ changed during the run (tree {tree_before} -> {tree_after}): "
                        "figures from before and after the change are mixed")
    busy = max(load_before[0], load()[0])
    if busy >= 0.5:
        warnings.append(f"load average up to {busy:.2f} on {machine()['nproc']} CPUs: other processes were running, "
                        "so absolute times and the --jobs figure are pessimistic")
    return {
        "started": started, "machine": machine(), "commit": commit(), "tree": tree_after, "warnings": warnings,
        "load_average": {"before": [round(x, 2) for x in load_before], "after": [round(x, 2) for x in load()]},
        "settings": {"quick": quick, "seed": args.seed, "articles": n_main, "bytes": main_bytes,
                     "repeat": reps, "cold_repeat": cold_reps, "corpus_generation_s": round(gen_s, 2),
                     "tqcheck": TQCHECK, "jobs_flag": has_jobs, "linearity": raw["linearity_note"],
                     "floor_pattern": [*FLOOR_WORDS]},
        "rows": rows, "raw": raw,
    }


def table(results: dict) -> str:
    lines = [("measurement", "value", "target", "result")]
    for r in results["rows"]:
        result = "" if r["pass"] is None and r["target"] is None else ("n/a" if r["pass"] is None else ("pass" if r["pass"] else "FAIL"))
        lines.append((r["name"], fmt(r["value"], r["unit"]), r["target"] or "", result))
    widths = [max(len(x[i]) for x in lines) for i in range(4)]
    out = ["  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in lines]
    out.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"  {r['name'].strip()}: {r['note']}" for r in results["rows"] if r["note"]]
    return "\n".join(out) + "\n\nnotes:\n" + "\n".join(notes) + "\n"


def markdown(results: dict) -> str:
    mach, s = results["machine"], results["settings"]
    out = [f"Measured {results['started']} on commit `{results['commit']}` (working tree `{results['tree']}`), "
           f"{s['articles']} articles ({s['bytes'] / 1e6:.2f} MB), seed {s['seed']}"
           f"{', --quick' if s['quick'] else ''}.",
           "",
           f"Machine: {mach['cpu']}, {mach['nproc']} CPUs, {mach['memory_gib']} GiB memory, "
           f"{mach['implementation']} {mach['python']}, {mach['platform']}. Load average "
           f"{results['load_average']['before'][0]} before, {results['load_average']['after'][0]} after.",
           "",
           "| measurement | value | target | result |", "| --- | --- | --- | --- |"]
    for r in results["rows"]:
        result = "" if r["pass"] is None and r["target"] is None else ("n/a" if r["pass"] is None else ("pass" if r["pass"] else "**FAIL**"))
        name = r["name"].strip()
        name = ("&nbsp;&nbsp;" + name) if r["name"].startswith("  ") else name
        out.append(f"| {name} | {fmt(r['value'], r['unit'])} | {r['target'] or ''} | {result} |")
    out.append("")
    out.append(f"Linearity: {s['linearity']}.")
    for w in results.get("warnings", []):
        out += ["", f"**Warning:** {w}."]
    out += [""] + [f"- {r['name'].strip()}: {r['note']}" for r in results["rows"] if r["note"]]
    return "\n".join(out) + "\n"


def update_readme(results: dict) -> None:
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    if start not in text or end not in text:
        sys.exit(f"{README} has no {start} ... {end} section")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    README.write_text(head + start + "\n" + markdown(results) + end + tail, encoding="utf-8")
    log(f"updated {README}")


# --------------------------------------------------------------------------------------------
# Where the time goes
# --------------------------------------------------------------------------------------------


def profile(top: int = 10) -> str:  # noqa: C901
    """Import times of ``tqcheck --help`` and cProfile of checking one article in a fresh
    process (the top ``top`` cumulative entries under tqcheck/)."""
    import pstats

    out = []
    run_child(["--help"])  # bytecode compiled and cached before anything is timed
    proc = subprocess.run([sys.executable, "-X", "importtime", TQCHECK, "--help"], cwd=ROOT, capture_output=True, text=True, env=child_env())
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            rows.append((int(m.group(2)), int(m.group(1)), len(m.group(3)) // 2, m.group(4)))
    out.append(f"python -X importtime tqcheck --help: top {top} imports by cumulative time")
    for cum, self_, depth, name in sorted(rows, reverse=True)[:top]:
        out.append(f"  {cum / 1000:8.1f} ms cumulative  {self_ / 1000:7.1f} ms self  {'  ' * min(depth, 6)}{name}")
    tmp = Path(tempfile.mkdtemp(prefix="tqcheck-prof-"))
    try:
        corpus.generate(1, 0, tmp / "one")
        prof = tmp / "check.prof"
        run_child(["check", str(tmp / "one"), "--no-report"])
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), TQCHECK, "check", str(tmp / "one"), "--no-report"],
                       cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=child_env())
        stats = pstats.Stats(str(prof))
        total = stats.total_tt
        entries = []
        for (filename, line, func), (cc, nc, tt, ct, callers) in stats.stats.items():
            if f"{os.sep}tqcheck{os.sep}" in filename and ".venv" not in filename:
                entries.append((ct, tt, nc, f"{Path(filename).relative_to(ROOT) if ROOT in Path(filename).parents else filename}:{line}({func})"))
        out.append(f"\ncProfile, tqcheck check <one 5 KB article> in a fresh process ({total:.2f} s profiled): "
                   f"top {top} cumulative under tqcheck/")
        for ct, tt, nc, where in sorted(entries, reverse=True)[:top]:
            out.append(f"  {ct:7.3f} s cumulative  {tt:7.3f} s own  {nc:7d} calls  {where}")
        own = sorted(((tt, ct, nc, where) for ct, tt, nc, where in entries), reverse=True)[:top]
        out.append(f"\nsame profile: top {top} by own time under tqcheck/")
        for tt, ct, nc, where in own:
            out.append(f"  {tt:7.3f} s own  {ct:7.3f} s cumulative  {nc:7d} calls  {where}")
        out.append(rule_costs(tmp, top))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return "\n".join(out) + "\n"


RULE_COSTS = r"""
import json, statistics, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
t0 = time.perf_counter()
from tqcheck.rulefile import DEFAULT_RULES_DIR, load_rule
imported = time.perf_counter() - t0
loads = {}
for path in sorted(DEFAULT_RULES_DIR.glob("*.yml")):
    t0 = time.perf_counter()
    check = load_rule(path)
    loads[f"{check.rule.code} {check.rule.name}"] = (time.perf_counter() - t0, check)
from tqcheck.document import Document
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[2]).glob("*.txt"))]
runs = {name: 0.0 for name in loads}
for text in texts:
    doc = Document(text, "a.txt")
    for name, (_, check) in loads.items():
        t0 = time.perf_counter()
        list(check.run(doc))
        runs[name] += time.perf_counter() - t0
print(json.dumps({"import": imported, "load": {k: v[0] for k, v in loads.items()},
                  "run": {k: v / len(texts) for k, v in runs.items()}, "articles": len(texts)}))
"""


def rule_costs(tmp: Path, top: int) -> str:
    """Per rule, in a fresh process: time to load and compile it, and time per article to run it
    (articles of the corpus; the Document is shared, so the first rule that asks for sentences
    or words pays for them, as in tqcheck itself)."""
    corpus.generate(50, 0, tmp / "fifty")
    proc = subprocess.run([sys.executable, "-c", RULE_COSTS, str(ROOT), str(tmp / "fifty")], capture_output=True, text=True, cwd=ROOT, env=child_env())
    if proc.returncode:
        return f"\nper-rule costs failed: {proc.stderr[-1500:]}"
    data = json.loads(proc.stdout)
    out = [f"\nrule loading in a fresh process (import of tqcheck.rulefile {data['import'] * 1000:.0f} ms, "
           f"all rules {sum(data['load'].values()) * 1000:.0f} ms): top {top}"]
    for name, secs in sorted(data["load"].items(), key=lambda kv: -kv[1])[:top]:
        out.append(f"  {secs * 1000:7.1f} ms  {name}")
    out.append(f"\nrule run time per article ({data['articles']} articles, all rules {sum(data['run'].values()) * 1000:.1f} ms "
               f"per article): top {top}")
    for name, secs in sorted(data["run"].items(), key=lambda kv: -kv[1])[:top]:
        out.append(f"  {secs * 1000:7.2f} ms  {name}")
    return "\n".join(out)


def main() -> None:
    import atexit

    atexit.register(shutil.rmtree, PYCACHE, True)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="100 articles (10 for linearity), growth 1x/4x: a first look")
    ap.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    ap.add_argument("--repeat", type=int, default=0, help="runs per measurement, median reported (default 3)")
    ap.add_argument("--cold-repeat", type=int, default=0, help="runs for --help and cold start (default 7; 5 with --quick)")
    ap.add_argument("--large", choices=("auto", "yes", "no"), default="auto",
                    help="linearity on 10x the main corpus: auto = only if one run is predicted under ~3 minutes")
    ap.add_argument("--keep", metavar="DIR", help="generate the corpora into DIR and keep them")
    ap.add_argument("--json", metavar="FILE", default=str(RESULTS), help=f"where to write the results (default {RESULTS.relative_to(ROOT)})")
    ap.add_argument("--update-readme", action="store_true", help="write the figures into benchmarks/README.md")
    ap.add_argument("--profile", action="store_true", help="also print import times and a cProfile of one article")
    ap.add_argument("--from-json", metavar="FILE", help="do not measure: print (and with --update-readme, write) FILE's results")
    args = ap.parse_args()
    if args.repeat and args.repeat < 3:
        ap.error("--repeat must be at least 3 (figures are medians)")
    if args.from_json:
        results = json.loads(Path(args.from_json).read_text(encoding="utf-8"))
    else:
        try:
            results = run(args)
        except ChildFailed as exc:
            sys.exit(f"benchmark aborted: {exc}")
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        log(f"wrote {args.json}")
    mach = results["machine"]
    print(f"tqcheck at {results['commit']} (tree {results['tree']}); {mach['cpu']}, {mach['nproc']} CPUs, "
          f"{mach['memory_gib']} GiB, Python {mach['python']}; load average {results['load_average']['before'][0]} "
          f"-> {results['load_average']['after'][0]}\n")
    print(table(results))
    for warning in results.get("warnings", []):
        print(f"warning: {warning}")
    if args.update_readme:
        update_readme(results)
    if args.profile:
        print(profile())


if __name__ == "__main__":
    main()
