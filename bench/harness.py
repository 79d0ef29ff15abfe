"""Small timing harness shared by bench/*.sh.

Each command runs as a child process; wall time is measured with perf_counter around it. Peak
resident memory comes from GNU time (`/usr/bin/time -f %M`, the "Maximum resident set size" of
`/usr/bin/time -v`), in one extra run or (rss_each_run) in every timed run: a child forked from this
Python process would otherwise start out with the interpreter's own footprint in its ru_maxrss.
Results go into sections of bench/RESULTS.md between <!-- NAME:begin --> and <!-- NAME:end -->
markers, so each script refreshes only its own part.
"""
import os
import platform
import re
import statistics
import subprocess
import tempfile
import time


GNU_TIME = "/usr/bin/time"


def run_once(cmd, cwd=None, env=None, stdout=subprocess.DEVNULL, gnu_time=False):
    """Runs cmd once. Returns (seconds, peak_rss_kib, exit_code). With gnu_time (when /usr/bin/time
    exists) cmd runs under GNU time and the peak is its %M, which adds GNU time's own start (about a
    millisecond) to the wall time; otherwise the peak is wait4's ru_maxrss, which includes the footprint
    of this process."""
    out = None
    if gnu_time and os.access(GNU_TIME, os.X_OK):
        fd, out = tempfile.mkstemp(prefix="bench-rss.")
        os.close(fd)
        cmd = [GNU_TIME, "-f", "%M", "-o", out, *cmd]
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=stdout, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        rss = usage.ru_maxrss
        if out:
            with open(out, encoding="utf-8") as f:
                rss = int(f.read().split()[-1])
        return elapsed, rss, os.waitstatus_to_exitcode(status)
    finally:
        if out:
            os.unlink(out)


def peak_rss_kib(cmd, cwd=None, env=None):
    """Peak RSS in KiB of one run, measured by GNU time (falls back to wait4 when it is absent)."""
    return run_once(cmd, cwd, env, gnu_time=True)[1]


def measure(cmd, runs=5, warmup=1, cwd=None, env=None, ok_codes=(0, 1), setup=None, rss_each_run=False):
    """Median/min/mean wall seconds over `runs` runs after `warmup`, and the peak RSS (KiB).
    setup: called, untimed, before every run of cmd (warm-up, timed and memory runs alike), e.g. to
    empty a cache directory or change a file. rss_each_run: take the peak RSS as the largest of the
    timed runs, each under GNU time, instead of from one more run (saves a run of each command)."""
    return measure_interleaved({"cmd": cmd}, runs, warmup, cwd, env, ok_codes,
                               {"cmd": setup} if setup else None, rss_each_run)["cmd"]


def measure_interleaved(cmds, runs=5, warmup=1, cwd=None, env=None, ok_codes=(0, 1), setup=None,
                        rss_each_run=False):
    """Like measure() for several commands, run in turn (A B C A B C ...) so that each sees the same
    background load on a shared machine. cmds: {name: argv}; setup: {name: callable} for the commands
    that need one before each of their runs. Returns {name: result}."""
    setup = setup or {}

    def prepare(name):
        if name in setup:
            setup[name]()

    for _ in range(warmup):
        for name, cmd in cmds.items():
            prepare(name)
            run_once(cmd, cwd, env)
    times = {name: [] for name in cmds}
    peaks = {name: [] for name in cmds}
    codes = {name: set() for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            prepare(name)
            t, rss, code = run_once(cmd, cwd, env, gnu_time=rss_each_run)
            times[name].append(t)
            peaks[name].append(rss)
            codes[name].add(code)
    out = {}
    for name, cmd in cmds.items():
        bad = codes[name] - set(ok_codes)
        if bad:
            raise RuntimeError(f"{cmd[0]} exited {sorted(bad)}: {' '.join(cmd)[:300]}")
        if not rss_each_run:
            prepare(name)
        ts = times[name]
        out[name] = {"median": statistics.median(ts), "min": min(ts), "mean": statistics.fmean(ts), "runs": runs,
                     "rss_kib": max(peaks[name]) if rss_each_run else peak_rss_kib(cmd, cwd, env),
                     # With rss_each_run, also the median peak: a threaded run's peak moves by a few MiB
                     # between identical runs (which files the threads meet at once), the largest with it.
                     "rss_median_kib": statistics.median(peaks[name]) if rss_each_run else None,
                     "codes": sorted(codes[name])}
    return out


def ms(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.2f} s"


def mib(kib):
    return f"{kib / 1024:.1f} MiB"


def machine():
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            m = re.search(r"model name\s*:\s*(.+)", f.read())
            cpu = m.group(1).strip() if m else cpu
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def update_section(path, name, body):
    """Replaces the text between the section's markers (appending the section when absent)."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmark results\n"
    block = f"{begin}\n{body.rstrip()}\n{end}"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        text = head + block + tail
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)
