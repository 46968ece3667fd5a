#!/usr/bin/env bash
# Runs a command with a display: as is where one exists (or off Linux), under
# xvfb-run on a headless Linux machine that has it (CI installs xvfb).
set -euo pipefail
if [ "$(uname -s)" = "Linux" ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
  exec xvfb-run -a "$@"
fi
exec "$@"
