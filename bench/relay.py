#!/usr/bin/env python3
"""Benchmark: sending through `smtp-setup relay` against sending directly to the same
Gmail-like test server (release builds, loopback). Python smtplib clients, each on one
connection logged in once: direct ones use STARTTLS and the app password, relayed ones the
relay (no TLS on loopback) and the relay password. Reports the median time per message
(the added latency) and messages per second with 1 and 20 clients at once.

Usage: bench/relay.py [MESSAGES_PER_CLIENT]   (default 200; needs gnome-keyring and dbus)
"""
import json
import os
import smtplib
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time

PER_CLIENT = int(sys.argv[1]) if len(sys.argv) > 1 else 200
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/smtp-setup/target"))
USER, PASSWORD = "bench@gmail.com", "abcdefghijklmnop"
MESSAGE = (f"From: {USER}\r\nTo: {USER}\r\nSubject: relay bench\r\n\r\n" + "A line of text.\r\n" * 40).encode()


def in_keyring_session():
    """Re-runs this script inside a private D-Bus session with an unlocked GNOME Keyring."""
    if os.environ.get("SMTP_SETUP_BENCH_SESSION"):
        return
    runtime = tempfile.mkdtemp()
    os.chmod(runtime, 0o700)
    env = dict(os.environ, SMTP_SETUP_BENCH_SESSION="1", XDG_RUNTIME_DIR=runtime,
               XDG_DATA_HOME=tempfile.mkdtemp())
    inner = ("printf bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "
             f"exec python3 {sys.argv[0]!r} {' '.join(sys.argv[1:])}")
    sys.exit(subprocess.call(["dbus-run-session", "--", "sh", "-c", inner], env=env))


def clients(count, connect):
    """`count` clients at once, each sending PER_CLIENT messages on its own connection."""
    times, errors = [], []
    lock = threading.Lock()

    def client():
        try:
            smtp = connect()
            mine = []
            for _ in range(PER_CLIENT):
                start = time.perf_counter()
                smtp.sendmail(USER, [USER], MESSAGE)
                mine.append((time.perf_counter() - start) * 1000)
            smtp.quit()
            with lock:
                times.extend(mine)
        except Exception as error:  # reported, not hidden
            errors.append(repr(error))

    threads = [threading.Thread(target=client) for _ in range(count)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    if errors:
        sys.exit(f"clients failed: {errors[:3]}")
    return statistics.median(times), len(times) / wall


def main():
    in_keyring_session()
    env = dict(os.environ, CARGO_TARGET_DIR=TARGET)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "smtp-setup", "--example", "gmail_test_server"],
                   cwd=ROOT, env=env, check=True)
    binary = os.path.join(TARGET, "release", "smtp-setup")
    with tempfile.TemporaryDirectory() as tmp:
        env.update(SMTP_SETUP_CONFIG_DIR=tmp, SMTP_SETUP_KEYCHAIN_SERVICE="smtp-setup-bench")
        ca = os.path.join(tmp, "ca.pem")
        server = subprocess.Popen(
            [os.path.join(TARGET, "release", "examples", "gmail_test_server"), "--ca-out", ca, "--seconds", "600"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        relay = None
        try:
            port = json.loads(server.stdout.readline())["starttls_port"]
            subprocess.run([binary, "store", "--user", USER, "--server", f"localhost:{port}", "--tls", "starttls",
                            "--ca-file", ca, "--password-stdin"], input=PASSWORD + "\n", env=env, check=True,
                           capture_output=True, text=True)
            relay = subprocess.Popen([binary, "relay", "--listen", "127.0.0.1:0", "--json", "--ca-file", ca],
                                     env=env, stdout=subprocess.PIPE, text=True)
            relay_port = int(json.loads(relay.stdout.readline())["address"].rsplit(":", 1)[1])
            threading.Thread(target=lambda: [None for _ in relay.stdout], daemon=True).start()
            relay_password = subprocess.run([binary, "password", "--relay"], env=env, check=True,
                                            capture_output=True, text=True).stdout.strip()
            context = ssl.create_default_context(cafile=ca)

            def direct():
                smtp = smtplib.SMTP("localhost", port, timeout=60, local_hostname="bench.example")
                smtp.starttls(context=context)
                smtp.login(USER, PASSWORD)
                return smtp

            def relayed():
                smtp = smtplib.SMTP("127.0.0.1", relay_port, timeout=60, local_hostname="bench.example")
                smtp.login(USER, relay_password)
                return smtp

            clients(2, direct), clients(2, relayed)  # warm up
            print(f"{PER_CLIENT} messages per client, {len(MESSAGE)} bytes each")
            for count in (1, 20):
                (d_ms, d_rate), (r_ms, r_rate) = clients(count, direct), clients(count, relayed)
                print(f"{count:>2} client(s): direct median {d_ms:.2f} ms, {d_rate:.0f} msg/s; "
                      f"relay median {r_ms:.2f} ms ({r_ms - d_ms:+.2f} ms), {r_rate:.0f} msg/s "
                      f"({100 * r_rate / d_rate:.0f} % of direct)")
        finally:
            if relay:
                relay.terminate()
                relay.wait(10)
            server.stdin.close()
            server.wait(10)


if __name__ == "__main__":
    main()
