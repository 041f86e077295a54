#!/usr/bin/env bash
# with-secret-service.sh CMD [ARGS...]
#
# Runs CMD against a private, throw-away Linux Secret Service:
#   private D-Bus session bus (dbus-run-session with a hermetic config: no
#   service activation) + gnome-keyring-daemon (secrets component) whose
#   "login" collection is created/unlocked with a known password and is the
#   `default` alias. Exit status is CMD's (125 = harness failure). The daemon
#   and bus are torn down afterwards and temp dirs are removed. Works as root,
#   headless, with or without XDG_RUNTIME_DIR / HOME / DISPLAY.
#
# Environment knobs (all optional):
#   SS_KEYRING=unlocked  (default) login collection unlocked, ready to use
#   SS_KEYRING=locked    same, but the login collection is LOCKED before CMD runs
#   SS_KEYRING=none      private bus only: no secrets daemon, no activation
#   SS_PASSWORD=...      keyring password (default: ccenv-test)
#   SS_KEYRING_HOME=DIR  HOME for the daemon (keyrings in DIR/.local/share/keyrings).
#                        Default: a fresh temp dir, deleted at exit. CMD's own
#                        HOME is never changed.
#   SS_TIMEOUT=5         seconds to wait for org.freedesktop.secrets
#   SS_DEBUG=1           show gnome-keyring-daemon stderr
# Exported to CMD: DBUS_SESSION_BUS_ADDRESS, GNOME_KEYRING_CONTROL,
#   SS_KEYRING_PASSWORD, SS_COLLECTION (=/org/freedesktop/secrets/collection/login),
#   SS_DAEMON_PID (gnome-keyring-daemon; e.g. kill -STOP it to simulate a hung service),
#   XDG_RUNTIME_DIR (a private temp one, only if it was unset/unusable).
set -u

self=$(readlink -f "${BASH_SOURCE[0]}")
die() { echo "with-secret-service: $*" >&2; exit 125; }

# ---- role: dbus-daemon wrapper (dbus-run-session --dbus-daemon=$self). Only
#      diverts dbus-daemon's stderr (as root it always prints a harmless
#      "Failed to set fd limit" warning) to a log the outer shell filters.
#      (No pipes/process substitution here: dbus-run-session reads the bus
#      address from an inherited fd until EOF, a lingering child would hang it.)
if [ "${_WSS_ROLE:-}" = dbus-daemon ]; then
  unset _WSS_ROLE
  exec dbus-daemon "$@" 2>>"$_WSS_CFGDIR/dbus-daemon.log"
fi

[ $# -ge 1 ] || { echo "usage: ${0##*/} CMD [ARGS...]" >&2; exit 2; }
for t in dbus-run-session dbus-daemon dbus-send; do
  command -v "$t" >/dev/null 2>&1 || die "missing $t (apt-get install dbus dbus-x11 gnome-keyring libsecret-tools)"
done

# ---- role: outer. Start a private bus and re-exec ourselves inside it.
#      "Inside a private bus we started" == the bus socket lives in our _WSS_CFGDIR.
if [ -z "${_WSS_CFGDIR:-}" ] || [[ "${DBUS_SESSION_BUS_ADDRESS:-}" != *"unix:path=$_WSS_CFGDIR/"* ]]; then
  cfgdir=$(mktemp -d "${TMPDIR:-/tmp}/wss.XXXXXX") || die "mktemp failed"
  # No <servicedir>: nothing is auto-activated. (The stock session config
  # would D-Bus-activate a fresh, *locked-by-default* gnome-keyring-daemon for
  # org.freedesktop.secrets, and gcr-prompter for unlock prompts.)
  cat >"$cfgdir/session.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=$cfgdir</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
  # Background + explicit <&0 keeps CMD's stdin (a plain `&` would give /dev/null),
  # while this shell stays alive to forward signals and clean up.
  _WSS_ROLE=dbus-daemon _WSS_CFGDIR="$cfgdir" \
    dbus-run-session --config-file="$cfgdir/session.conf" --dbus-daemon="$self" \
      -- env -u _WSS_ROLE "$self" "$@" <&0 &
  drs=$!
  fwd() {
    local p; p=$(cat "$cfgdir/inner.pid" 2>/dev/null)
    kill -TERM "${p:-$drs}" 2>/dev/null
  }
  trap fwd INT TERM HUP
  while :; do
    wait "$drs"; rc=$?
    kill -0 "$drs" 2>/dev/null || break   # wait was only interrupted by a signal
  done
  grep -v 'Failed to set fd limit' "$cfgdir/dbus-daemon.log" >&2 2>/dev/null
  rm -rf "$cfgdir"
  exit "$rc"
fi

# ---- role: inner (running on the private bus).
cfgdir=$_WSS_CFGDIR
unset _WSS_CFGDIR            # nested invocations from CMD get their own bus
echo $$ >"$cfgdir/inner.pid"
mode=${SS_KEYRING:-unlocked}
pw=${SS_PASSWORD:-ccenv-test}
timeout_s=${SS_TIMEOUT:-5}
coll=/org/freedesktop/secrets/collection/login
case $mode in unlocked|locked|none) ;; *) die "bad SS_KEYRING=$mode (unlocked|locked|none)";; esac
gk_pid= cmd_pid=

cleanup() {
  trap - EXIT INT TERM HUP
  if [ -n "$cmd_pid" ] && kill -0 "$cmd_pid" 2>/dev/null; then
    kill -TERM "$cmd_pid" 2>/dev/null; wait "$cmd_pid" 2>/dev/null
  fi
  if [ -n "$gk_pid" ] && kill -0 "$gk_pid" 2>/dev/null; then
    kill -TERM "$gk_pid" 2>/dev/null; kill -CONT "$gk_pid" 2>/dev/null  # in case a test STOPped it
    for _ in $(seq 40); do kill -0 "$gk_pid" 2>/dev/null || break; sleep 0.05; done
    kill -KILL "$gk_pid" 2>/dev/null
    wait "$gk_pid" 2>/dev/null
  fi
  # cfgdir (bus socket, runtime dir, default keyring home) is removed by the outer shell
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP

# Private runtime dir for the daemon, always: it creates $XDG_RUNTIME_DIR/keyring/control
# and must never clobber a real desktop session's control socket.
rt="$cfgdir/run"; mkdir -m 700 "$rt"
if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -d "$XDG_RUNTIME_DIR" ] || [ ! -w "$XDG_RUNTIME_DIR" ]; then
  export XDG_RUNTIME_DIR="$rt"
fi
kh=${SS_KEYRING_HOME:-$cfgdir/home}
mkdir -p "$kh/.local/share/keyrings" && chmod 700 "$kh" "$kh/.local/share/keyrings" || die "cannot create $kh"

bus_call() { # dest path iface.method args... (fails fast, never activates)
  local d=$1 p=$2 m=$3; shift 3
  dbus-send --session --print-reply --reply-timeout=1000 --dest="$d" "$p" "$m" "$@" 2>&1
}
has_owner() {
  bus_call org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q 'boolean true'
}
locked() { # prints true/false
  bus_call org.freedesktop.secrets "$coll" org.freedesktop.DBus.Properties.Get \
    string:org.freedesktop.Secret.Collection string:Locked | sed -n 's/.*boolean \(true\|false\).*/\1/p'
}

if [ "$mode" != none ]; then
  command -v gnome-keyring-daemon >/dev/null 2>&1 || die "gnome-keyring-daemon not installed"
  if [ -n "${SS_DEBUG:-}" ]; then gk_err=/dev/stderr; else gk_err=/dev/null; fi
  # --foreground: we own the pid. --unlock reads the password from stdin and
  # creates/unlocks the "login" keyring, which becomes the `default` alias.
  printf %s "$pw" | env -u DISPLAY -u WAYLAND_DISPLAY HOME="$kh" XDG_DATA_HOME="$kh/.local/share" \
      XDG_RUNTIME_DIR="$rt" gnome-keyring-daemon --foreground --unlock --components=secrets \
      >/dev/null 2>"$gk_err" &
  gk_pid=$!
  deadline=$(( $(date +%s%N) + timeout_s * 1000000000 ))
  ready=
  while :; do
    if has_owner && [ "$(locked)" = false ]; then ready=1; break; fi
    kill -0 "$gk_pid" 2>/dev/null || die "gnome-keyring-daemon exited early (run with SS_DEBUG=1)"
    [ "$(date +%s%N)" -lt "$deadline" ] || break
    sleep 0.05
  done
  [ -n "$ready" ] || die "org.freedesktop.secrets not ready after ${timeout_s}s"
  export GNOME_KEYRING_CONTROL="$rt/keyring" SS_KEYRING_PASSWORD="$pw" SS_COLLECTION="$coll" SS_DAEMON_PID="$gk_pid"
  if [ "$mode" = locked ]; then
    bus_call org.freedesktop.secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.Lock \
      "array:objpath:$coll" >/dev/null || die "Lock failed"
    [ "$(locked)" = true ] || die "collection did not lock"
  fi
fi
unset SS_KEYRING SS_PASSWORD SS_KEYRING_HOME SS_TIMEOUT

# Run CMD (backgrounded with an explicit stdin dup so it keeps the caller's stdin,
# and so TERM/INT to us can be forwarded before we tear the daemon down).
"$@" <&0 &
cmd_pid=$!
trap 'kill -TERM $cmd_pid 2>/dev/null' TERM INT HUP
while :; do
  wait "$cmd_pid"; rc=$?
  kill -0 "$cmd_pid" 2>/dev/null || break
done
cmd_pid=
exit "$rc"
