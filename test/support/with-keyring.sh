#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring,
# so tests talk to a real Secret Service and never to the developer's own keychain.
set -euo pipefail
if [ "${TIGERDESK_KEYRING_READY:-}" = "1" ]; then
  exec "$@"
fi
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: dbus-run-session and gnome-keyring-daemon are needed (apt-get install dbus-x11 gnome-keyring)" >&2
  exit 1
fi
exec dbus-run-session -- bash -c '
  set -euo pipefail
  export HOME="$(mktemp -d -t tigerdesk-home-XXXXXX)"
  export XDG_RUNTIME_DIR="$HOME/run"; mkdir -m 700 -p "$XDG_RUNTIME_DIR"
  eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  export TIGERDESK_KEYRING_READY=1
  status=0; "$@" || status=$?
  rm -rf "$HOME"
  exit $status
' with-keyring "$@"
