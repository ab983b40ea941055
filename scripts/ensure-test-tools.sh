#!/usr/bin/env bash
# The end-to-end tests set the action's clock with libfaketime (Debian package faketime).
set -euo pipefail
if command -v faketime >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing faketime for the end-to-end tests" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  sudo apt-get update -qq >/dev/null
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
else
  echo "the end-to-end tests need faketime (libfaketime); install it with your package manager" >&2
  exit 1
fi
