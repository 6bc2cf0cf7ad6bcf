#!/usr/bin/env python3
"""Benchmark: how long `smtp-setup check` takes to a verdict against servers that never
answer, next to the bound it promises (the stage bound + 1 s for the wrong-mode probe).

- a silent port (accepts, never greets) checked with STARTTLS: the greeting wait and the
  implicit-TLS probe run side by side, so the verdict comes at the stage bound, plus at most
  the probe's 1 s grace;
- a port that greets and then stalls at EHLO, checked with --tls auto (both modes on it);
- a silent port with a whole-run --deadline shorter than the stage bound;
- an implicit-TLS port (the Gmail-like test server's "465") checked with STARTTLS: the probe
  names the wrong mode as soon as its handshake succeeds, long before the bound.

Usage: bench/bounded_verdicts.py [RUNS]   (release build; prints median and max per case)
"""
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/smtp-setup/target"))


def server(greeting):
    """A listener on 127.0.0.1 that accepts, optionally greets, then holds every connection."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held = []

    def serve():
        while True:
            conn, _ = listener.accept()
            if greeting:
                conn.sendall(greeting)
            held.append(conn)

    threading.Thread(target=serve, daemon=True).start()
    return listener.getsockname()[1]


def verdict(binary, port, tls, extra):
    cmd = [binary, "check", "--user", "bench@gmail.com", "--server", f"localhost:{port}",
           "--tls", tls, "--password-stdin", "--json", *extra]
    start = time.perf_counter()
    done = subprocess.run(cmd, input="abcdefghijklmnop\n", capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return elapsed, result["cause"], result["failure"]["stage"]


def main():
    env = dict(os.environ, CARGO_TARGET_DIR=TARGET)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "smtp-setup", "--example",
                    "gmail_test_server"], cwd=ROOT, env=env, check=True)
    binary = os.path.join(TARGET, "release", "smtp-setup")
    silent = server(None)
    stalls_at_ehlo = server(b"220 smtp.example ESMTP ready\r\n")
    tmp = tempfile.mkdtemp()
    ca = os.path.join(tmp, "ca.pem")
    gmail = subprocess.Popen(
        [os.path.join(TARGET, "release", "examples", "gmail_test_server"), "--ca-out", ca, "--seconds", "600"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    implicit = json.loads(gmail.stdout.readline())["implicit_port"]
    cases = [
        ("implicit-TLS port, STARTTLS, --timeout 10", implicit, "starttls", ["--ca-file", ca], 1 + 1),
        ("silent port, STARTTLS, --timeout 3", silent, "starttls", ["--timeout", "3"], 3 + 1),
        ("silent port, STARTTLS, --timeout 1", silent, "starttls", ["--timeout", "1"], 1 + 1),
        ("silent port, STARTTLS, default timeout (10 s)", silent, "starttls", [], 10 + 1),
        ("EHLO stall, --tls auto on one port, --timeout 3", stalls_at_ehlo, "auto", ["--timeout", "3"], 3),
        ("silent port, --timeout 30 --deadline 2", silent, "starttls", ["--timeout", "30", "--deadline", "2"], 2),
    ]
    print(f"{RUNS} runs per case, release build, 127.0.0.1, whole process:")
    for name, port, tls, extra, bound in cases:
        times, verdicts = [], set()
        for _ in range(RUNS):
            elapsed, cause, stage = verdict(binary, port, tls, extra)
            times.append(elapsed)
            verdicts.add(f"{cause} at {stage}")
        print(f"  {name:<50} median {statistics.median(times):5.2f} s   max {max(times):5.2f} s   "
              f"bound {bound} s   verdict: {', '.join(sorted(verdicts))}")
    gmail.stdin.close()
    gmail.wait(timeout=10)


if __name__ == "__main__":
    main()
