#!/usr/bin/env bash
# Benchmark: the release GUI as a person runs it, on a virtual X server (Xvfb), with each of
# eframe's renderers, beside a minimal eframe app (bench/minimal: a heading, a text field, a
# button; same eframe features and release profile) of the same renderer, all built and run in
# this one run, so the difference is what smtp-setup itself costs.
#
#   bench/gui_startup.sh            # builds the four binaries, RUNS=5 launches each; a table
#
# Measures per binary: the stripped size; time from launch to the first frame (eframe keeps
# the window hidden until it has painted once, so "mapped and visible" is the first frame);
# idle CPU once the window has settled; peak and current memory. Launches are interleaved
# (smtp-setup glow, minimal glow, smtp-setup wgpu, minimal wgpu, again…) so a machine that
# slows down during the run slows all four alike. Leaves a screenshot of each in /tmp.
# A benchmark, not a test: CI never calls it, and the figures depend on the machine.
#
# Knobs (environment): RUNS (5), WINDOW_TIMEOUT seconds per launch (60), SETTLE seconds (3),
# IDLE_WINDOW seconds (10), BENCH_DISPLAY=:N to use an X server that is already running
# instead of starting a private Xvfb, BENCH_NO_BUILD=1 to measure the binaries of the last
# run (in $CARGO_TARGET_DIR/bench-bin) without building, BENCH_APPS="smtp-setup-glow
# minimal-glow" to measure only those, CARGO_TARGET_DIR (default ~/.cache/smtp-setup/target,
# as scripts/test).
# Under Xvfb both renderers draw on the CPU with Mesa: glow through llvmpipe (EGL/GLX), wgpu
# through lavapipe (Vulkan).
#
# Installs what it needs with apt-get (sudo when not root) on a Debian/Ubuntu machine.

set -euo pipefail

RUNS=${RUNS:-5}
WINDOW_TIMEOUT=${WINDOW_TIMEOUT:-60}
SETTLE=${SETTLE:-3}
IDLE_WINDOW=${IDLE_WINDOW:-10}
TITLE_PATTERN='.' # any titled window of the launched process (found by its pid)

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$HOME/.cache/smtp-setup/target}
export CARGO_TARGET_DIR=$TARGET
# The four binaries, kept apart from cargo's own output (each build overwrites release/).
BIN_DIR=$TARGET/bench-bin
read -r -a APPS <<<"${BENCH_APPS:-smtp-setup-glow minimal-glow smtp-setup-wgpu minimal-wgpu}"
BIN=

# Everything this script starts, so the trap can stop exactly that and nothing else.
XVFB_PID=
APP_PID=
WORK_DIR=

log() { printf '%s\n' "$*" >&2; }
die() { log "gui_startup: $*"; exit 1; }

cleanup() {
    stop_app
    if [[ -n $XVFB_PID ]]; then kill "$XVFB_PID" 2>/dev/null || true; wait "$XVFB_PID" 2>/dev/null || true; fi
    if [[ -n $WORK_DIR ]]; then rm -rf "$WORK_DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Setup -----------------------------------------------------------------------------------

# Commands the script runs, and the Debian package of each.
TOOLS=(Xvfb:xvfb xdotool:xdotool import:imagemagick timeout:coreutils)
# Libraries the window loads at run time. The binary links only libc: winit, wgpu and the font
# lookup dlopen the rest, so a build that links fine can still fail to open a window.
# X11 client libs and xkbcommon for the window and keyboard; fontconfig for system fonts.
# glow draws with OpenGL: Mesa's llvmpipe through EGL or GLX (libegl1, libgl1, libgl1-mesa-dri).
# wgpu tries Vulkan, then OpenGL: lavapipe (mesa-vulkan-drivers), or the same llvmpipe.
RUNTIME_PACKAGES=(libx11-6 libx11-xcb1 libxcursor1 libxi6 libxkbcommon-x11-0 libfontconfig1
    libvulkan1 mesa-vulkan-drivers libegl1 libgl1 libgl1-mesa-dri)

# Installs whichever tools and libraries are missing.
ensure_packages() {
    local missing=() entry pkg
    for entry in "${TOOLS[@]}"; do
        command -v "${entry%%:*}" >/dev/null || missing+=("${entry#*:}")
    done
    for pkg in "${RUNTIME_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) && return
    command -v apt-get >/dev/null || die "missing ${missing[*]}, and no apt-get to install them"
    local sudo=
    ((EUID == 0)) || sudo=sudo
    log "installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Builds smtp-setup with each renderer (the release profile of Cargo.toml, as the .deb ships
# it) and the minimal app with each, into BIN_DIR.
build() {
    mkdir -p "$BIN_DIR"
    local renderer
    for renderer in glow wgpu; do
        log "building smtp-setup with $renderer (release)…"
        (cd "$ROOT" && cargo build --release --locked --bin smtp-setup --no-default-features --features "$renderer")
        cp "$TARGET/release/smtp-setup" "$BIN_DIR/smtp-setup-$renderer"
        log "building the minimal eframe app with $renderer (release)…"
        (cd "$ROOT/bench/minimal" && CARGO_TARGET_DIR=$TARGET/bench-minimal \
            cargo build --release --locked --features "$renderer")
        cp "$TARGET/bench-minimal/release/minimal-eframe" "$BIN_DIR/minimal-$renderer"
    done
}

# Starts a private Xvfb on a free display (-displayfd lets Xvfb pick it and say when it is
# ready), unless BENCH_DISPLAY names one already running. A private server keeps other
# people's windows, and other smtp-setup windows, out of the measurement.
start_display() {
    if [[ -n ${BENCH_DISPLAY:-} ]]; then
        export DISPLAY=$BENCH_DISPLAY
        xdotool getdisplaygeometry >/dev/null 2>&1 || die "cannot reach the X server on $DISPLAY"
        return
    fi
    local fifo=$WORK_DIR/displayfd number
    mkfifo "$fifo"
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$fifo" 2>"$WORK_DIR/xvfb.log" &
    XVFB_PID=$!
    number=$(timeout 10 head -n1 "$fifo") || true
    [[ -n $number ]] || die "Xvfb did not start: $(cat "$WORK_DIR/xvfb.log")"
    export DISPLAY=:$number
    log "Xvfb on $DISPLAY (pid $XVFB_PID)"
}

# The app's environment: a throwaway config dir so it opens on the first-run screen and writes
# nothing of the user's (the cache dir too: Mesa keeps its shader cache there), its own
# keychain service name, and X11 only (winit would prefer Wayland if it could see one).
# A desktop session always has XDG_RUNTIME_DIR; without it libwayland prints an error for
# every probe the graphics stack makes, so a bare CI shell gets a private one.
prepare_env() {
    export SMTP_SETUP_CONFIG_DIR=$WORK_DIR/config
    export SMTP_SETUP_KEYCHAIN_SERVICE=smtp-setup-bench
    export XDG_CACHE_HOME=$WORK_DIR/cache
    mkdir -p "$SMTP_SETUP_CONFIG_DIR" "$XDG_CACHE_HOME"
    unset WAYLAND_DISPLAY
    if [[ ! -d ${XDG_RUNTIME_DIR:-} ]]; then
        export XDG_RUNTIME_DIR=$WORK_DIR/runtime
        mkdir -m 700 "$XDG_RUNTIME_DIR"
    fi
}

# --- One launch ------------------------------------------------------------------------------

now_ms() { echo $(($(date +%s%N) / 1000000)); }

launch_app() {
    "$BIN" >>"$WORK_DIR/app.log" 2>&1 &
    APP_PID=$!
}

stop_app() {
    [[ -n $APP_PID ]] || return 0
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
}

# Waits until the app's window is mapped and visible. Polls every 10 ms by itself rather than
# `xdotool search --sync`, which sleeps half a second between tries and would round every
# figure up to that. Fails fast, with the app's output, if the app exits instead.
wait_for_window() {
    local deadline=$(($(now_ms) + WINDOW_TIMEOUT * 1000))
    # --pid (winit sets _NET_WM_PID): the previous run's window may not be destroyed yet.
    until xdotool search --all --pid "$APP_PID" --onlyvisible --name "$TITLE_PATTERN" >/dev/null 2>&1; do
        if ! kill -0 "$APP_PID" 2>/dev/null; then
            die "the app exited without showing a window. Its output:
$(cat "$WORK_DIR/app.log")"
        fi
        (($(now_ms) < deadline)) || die "no window after ${WINDOW_TIMEOUT}s. The app's output so far:
$(cat "$WORK_DIR/app.log")"
        sleep 0.01
    done
}

# Launch → visible window, in ms, into FIRST_FRAME_MS. Not echoed: a $(…) subshell would hide
# APP_PID from the trap if the wait failed.
time_first_frame() {
    local start
    start=$(now_ms)
    launch_app
    wait_for_window
    FIRST_FRAME_MS=$(($(now_ms) - start))
    stop_app
}

# --- Measurements of the settled app -----------------------------------------------------------

# utime + stime of the process (all its threads), in clock ticks. Fields 14 and 15 of
# /proc/PID/stat, counted after the ")" that ends the command name, which may hold spaces.
cpu_ticks() {
    local rest
    rest=$(sed 's/^.*) //' "/proc/$1/stat")
    awk '{ print $12 + $13 }' <<<"$rest"
}

# CPU% over IDLE_WINDOW seconds; near 0 when nothing animates (egui repaints only on input).
idle_cpu_percent() {
    local before after hz
    hz=$(getconf CLK_TCK)
    before=$(cpu_ticks "$APP_PID")
    sleep "$IDLE_WINDOW"
    after=$(cpu_ticks "$APP_PID")
    awk -v d=$((after - before)) -v hz="$hz" -v s="$IDLE_WINDOW" 'BEGIN { printf "%.2f", 100 * d / hz / s }'
}

# A /proc/PID/status field (VmHWM, VmRSS: kB) in MiB.
status_mib() {
    awk -v f="$2:" '$1 == f { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# Prints "median min max" of the numbers given.
median_min_max() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 }
        END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
              printf "%d %d %d\n", m, v[1], v[NR] }'
}

# --- Main ------------------------------------------------------------------------------------

main() {
    ensure_packages
    if [[ -z ${BENCH_NO_BUILD:-} ]]; then build; fi
    local app
    for app in "${APPS[@]}"; do
        [[ -x $BIN_DIR/$app ]] || die "no binary at $BIN_DIR/$app (run without BENCH_NO_BUILD)"
    done
    WORK_DIR=$(mktemp -d /tmp/gui_startup.XXXXXX)
    start_display
    prepare_env

    declare -A times
    local i
    for ((i = 1; i <= RUNS; i++)); do
        for app in "${APPS[@]}"; do
            BIN=$BIN_DIR/$app
            time_first_frame
            log "run $i, $app: first frame after $FIRST_FRAME_MS ms"
            times[$app]+="$FIRST_FRAME_MS "
        done
    done

    local median min max cpu peak rss size rows=()
    for app in "${APPS[@]}"; do
        BIN=$BIN_DIR/$app
        # shellcheck disable=SC2086 # the runs are space-separated numbers
        read -r median min max < <(median_min_max ${times[$app]})
        log "measuring $app at rest: ${SETTLE}s to settle, then ${IDLE_WINDOW}s…"
        launch_app
        wait_for_window
        sleep "$SETTLE"
        cpu=$(idle_cpu_percent)
        peak=$(status_mib "$APP_PID" VmHWM)
        rss=$(status_mib "$APP_PID" VmRSS)
        import -window root "/tmp/gui_startup-$app.png"
        stop_app
        size=$(awk -v b="$(stat -c %s "$BIN")" 'BEGIN { printf "%.1f", b / 1e6 }')
        rows+=("$(printf '%-17s %8s %12s (%s-%s) %8s%% %9s %8s   %s' "$app" "$size" "$median" "$min" \
            "$max" "$cpu" "$peak" "$rss" "${times[$app]% }")")
    done

    printf '\nGUI startup (release, Xvfb %s, %s launches each, interleaved)\n' "$DISPLAY" "$RUNS"
    printf '%-17s %8s %22s %9s %9s %8s   %s\n' binary "size MB" "first frame ms (min-max)" \
        "idle CPU" "peak MiB" "RSS MiB" "launches (ms)"
    printf '%s\n' "${rows[@]}"
    printf 'screenshots: /tmp/gui_startup-<binary>.png\n'
}

main "$@"
