# Helpers for the lab scripts (sourced; bash): start and stop a VPP instance by its PID, run
# vppctl, and stop on any CLI error. Adapted from ../shared/lab/lab-lib.sh (tried there: VPP
# answers its CLI 0.8-3.3 s after start). VPP lives in /opt/vpp; runtime files in /run/vpp.

LAB=${LAB:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
VPP_PREFIX=${VPP_PREFIX:-/opt/vpp}
VPP_BIN=$VPP_PREFIX/bin/vpp
VPPCTL=$VPP_PREFIX/bin/vppctl
RUN=/run/vpp
NODE_BIN=${NODE_BIN:-node}

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

sock() { echo "$RUN/cli-lab$1.sock"; }

# vctl N CMD... : one CLI command on instance N, its output printed.
vctl() { local n=$1; shift; "$VPPCTL" -s "$(sock "$n")" "$@"; }

# vcmd N CMD... : a configuration command; fails loudly when VPP complains (vppctl exits 0).
vcmd() {
  local n=$1; shift
  local out
  out=$("$VPPCTL" -s "$(sock "$n")" "$@" 2>&1) || { log "vpp$n: vppctl failed: $*"; echo "$out" >&2; return 1; }
  if echo "$out" | grep -qiE 'unknown|error|failed|invalid|not found|does not exist|no such|cannot|not available|must be'; then
    log "vpp$n: command failed: $*"; echo "$out" >&2; return 1
  fi
  [ -n "$out" ] && echo "$out"
  return 0
}

vpp_pid() { cat "$RUN/lab$1/lab.pid" 2>/dev/null; }

vpp_running() {
  local pid; pid=$(vpp_pid "$1") || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# vpp_start N : start instance N from startup.conf.in and wait until its CLI answers.
vpp_start() {
  local n=$1
  mkdir -p "$RUN/lab$n"
  if vpp_running "$n"; then log "vpp$n already running (pid $(vpp_pid "$n"))"; return 0; fi
  local conf=$RUN/lab$n/startup.conf
  sed -e "s/@N@/$n/g" -e "s/@CORE@/$(( (n - 1) % $(nproc) ))/" "$LAB/startup.conf.in" > "$conf"
  nohup "$VPP_BIN" -c "$conf" > "/tmp/vpp-lab$n.stdout" 2>&1 &
  echo $! > "$RUN/lab$n/lab.pid"
  for _ in $(seq 1 600); do
    if "$VPPCTL" -s "$(sock "$n")" show version >/dev/null 2>&1; then
      log "vpp$n up (pid $(vpp_pid "$n")): $("$VPPCTL" -s "$(sock "$n")" show version)"
      return 0
    fi
    if ! vpp_running "$n"; then
      log "vpp$n died during startup; see /tmp/vpp-lab$n.stdout and /tmp/vpp-lab$n.log"
      tail -20 "/tmp/vpp-lab$n.stdout" >&2
      return 1
    fi
    sleep 0.1
  done
  log "vpp$n did not answer on $(sock "$n") within 60 s"; return 1
}

# vpp_stop N : stop instance N by its PID (never by name: other VPPs may run here).
vpp_stop() {
  local n=$1 pid
  pid=$(vpp_pid "$n") || true
  if [ -n "${pid:-}" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then log "vpp$n (pid $pid) ignored SIGTERM, sending SIGKILL"; kill -9 "$pid"; fi
    log "vpp$n (pid $pid) stopped"
  fi
  rm -f "$RUN/lab$n/lab.pid" "$RUN/lab$n/vpp.pid" "$RUN/lab$n/startup.conf" "$RUN/cli-lab$n.sock" "$RUN/api-lab$n.sock" "$RUN/stats-lab$n.sock"
  rmdir "$RUN/lab$n" 2>/dev/null || true
}
