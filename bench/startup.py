#!/usr/bin/env python3
"""Whole-process start-up times (bench/RESULTS.md, start-up section).

usage: bench/startup.py RUNS LABEL 'COMMAND' [LABEL 'COMMAND' ...]

Runs every command RUNS times, interleaved (so machine load hits all alike), from the repository root with stdout and
stderr to /dev/null, and prints per command the median and minimum wall time (fork/exec/wait on a microsecond clock;
/usr/bin/time -v rounds to 10 ms), user+system CPU time and the median peak RSS, with the load average before and after.
A command may start with NAME=VALUE environment settings; it is split on spaces (no shell quoting).
"""
import os
import statistics
import subprocess
import sys
import time


def main() -> None:
    if len(sys.argv) < 4 or len(sys.argv) % 2 != 0:
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    commands = list(zip(sys.argv[2::2], sys.argv[3::2]))
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
    wall = {label: [] for label, _ in commands}
    cpu = {label: [] for label, _ in commands}
    rss = {label: [] for label, _ in commands}
    load_before = open('/proc/loadavg').read().split()[:3]
    for _ in range(runs):
        for label, command in commands:
            args, env = command.split(), dict(os.environ)
            while args and '=' in args[0] and not args[0].startswith(('/', '.')):
                name, value = args.pop(0).split('=', 1)
                env[name] = value
            start = time.perf_counter()
            process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            _, status, usage = os.wait4(process.pid, 0)
            wall[label].append(time.perf_counter() - start)
            if status != 0:
                print(f'{label}: exit status {status}', file=sys.stderr)
            cpu[label].append(usage.ru_utime + usage.ru_stime)
            rss[label].append(usage.ru_maxrss / 1024)
    load_after = open('/proc/loadavg').read().split()[:3]
    print(f'load average (1/5/15 min) before {" ".join(load_before)}, after {" ".join(load_after)}')
    for label, _ in commands:
        print(f'{label:28s} n={runs} wall median {statistics.median(wall[label]):.3f} s, min {min(wall[label]):.3f} s | '
              f'cpu median {statistics.median(cpu[label]):.3f} s | rss {statistics.median(rss[label]):.0f} MB')


if __name__ == '__main__':
    main()
