#!/bin/sh
# Debian's Chromium, given every --disable-features of its command line as one: Chromium honours
# only the last one it reads, and Playwright passes its own list before the harness's
# (chromium.ts), which would otherwise replace it.
set -eu
features=""
for arg do
  shift
  case "$arg" in
    --disable-features=*) features="${features:+$features,}${arg#--disable-features=}" ;;
    *) set -- "$@" "$arg" ;;
  esac
done
if [ -n "$features" ]; then set -- "--disable-features=$features" "$@"; fi
exec /usr/bin/chromium "$@"
