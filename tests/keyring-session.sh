#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service, so the keychain works
# in tests and CI: gnome-keyring in a private D-Bus session, with a throwaway
# keyring directory. Usage: tests/keyring-session.sh CMD [ARGS...]
#
#  - TEACHER_DESK_KEYRING_READY=1 already set: the keyring is up, run CMD.
#  - dbus-run-session and gnome-keyring-daemon present: start them, run CMD.
#  - otherwise: run CMD as it is; keychain tests then fail in CI (CI set)
#    and skip elsewhere, saying "no Secret Service".
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: tests/keyring-session.sh CMD [ARGS...]" >&2
  exit 2
fi

if [ "${1}" = "--inside-session" ]; then
  shift
  XDG_DATA_HOME="$(mktemp -d)"
  export XDG_DATA_HOME
  trap 'rm -rf "$XDG_DATA_HOME"' EXIT
  # A non-empty password: with an empty one gnome-keyring tries to prompt, and there is no one to answer.
  printf 'ci-keyring' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  export TEACHER_DESK_KEYRING_READY=1
  status=0
  "$@" || status=$?
  exit "$status"
fi

if [ "${TEACHER_DESK_KEYRING_READY:-}" = "1" ]; then
  exec "$@"
fi

if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  exec dbus-run-session -- bash "$0" --inside-session "$@"
fi

echo "keyring-session: dbus-run-session or gnome-keyring-daemon not found; running without a Secret Service" >&2
exec "$@"
