#!/usr/bin/env python3
"""Benchmark: one `smtp-setup send-test` against the local Gmail-like test server, whole
process, next to `curl --ssl-reqd` sending a message of the same size over the same route.

Usage: bench/send_test.py [RUNS]   (release build; prints median and mean per run)
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/smtp-setup/target"))
USER, PASSWORD = "bench@gmail.com", "abcdefghijklmnop"


def timed(cmd, stdin=None, env=None):
    start = time.perf_counter()
    done = subprocess.run(cmd, input=stdin, env=env, capture_output=True, text=True, timeout=60)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        sys.exit(f"{cmd[0]} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return elapsed


def main():
    env = dict(os.environ, CARGO_TARGET_DIR=TARGET)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "smtp-setup", "--example", "gmail_test_server"],
                   cwd=ROOT, env=env, check=True)
    binary = os.path.join(TARGET, "release", "smtp-setup")
    with tempfile.TemporaryDirectory() as tmp:
        ca = os.path.join(tmp, "ca.pem")
        server = subprocess.Popen(
            [os.path.join(TARGET, "release", "examples", "gmail_test_server"), "--ca-out", ca, "--seconds", "300"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            ports = json.loads(server.stdout.readline())
            port = ports["starttls_port"]
            # The same message smtp-setup sends, for curl to upload.
            message = os.path.join(tmp, "message.eml")
            with open(message, "w") as f:
                f.write(f"From: smtp-setup <{USER}>\r\nTo: {USER}\r\nSubject: smtp-setup test message\r\n\r\n"
                        + "This is a test message from smtp-setup.\r\n" * 10)
            ours = [binary, "send-test", "--user", USER, "--server", f"localhost:{port}", "--tls", "starttls",
                    "--ca-file", ca, "--password-stdin"]
            curl = ["curl", "--silent", "--show-error", "--ssl-reqd", "--cacert", ca,
                    "--url", f"smtp://localhost:{port}/bench.example", "--mail-from", USER, "--mail-rcpt", USER,
                    "--upload-file", message, "--netrc-file", os.path.join(tmp, "netrc")]
            with open(os.path.join(tmp, "netrc"), "w") as f:
                f.write(f"machine localhost login {USER} password {PASSWORD}\n")
            for _ in range(3):  # warm up the page cache
                timed(ours, PASSWORD + "\n")
                timed(curl)
            results = {"smtp-setup send-test": [], "curl --ssl-reqd": []}
            for _ in range(RUNS):  # interleaved, so both see the same machine load
                results["smtp-setup send-test"].append(timed(ours, PASSWORD + "\n"))
                results["curl --ssl-reqd"].append(timed(curl))
        finally:
            server.stdin.close()
            server.wait(timeout=10)
    print(f"{RUNS} runs each, STARTTLS on 127.0.0.1, whole process:")
    for name, times in results.items():
        print(f"  {name:<22} median {statistics.median(times):6.1f} ms   mean {statistics.mean(times):6.1f} ms")


if __name__ == "__main__":
    main()
