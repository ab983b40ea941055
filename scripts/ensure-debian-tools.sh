#!/usr/bin/env bash
# Installs Debian packages that tests and benchmarks run, when missing.
# Arguments: PACKAGE:COMMAND pairs, e.g. faketime:faketime time:/usr/bin/time; a COMMAND that is
# an absolute path only needs to exist (tzdata:/usr/share/zoneinfo/Asia/Tokyo).
set -euo pipefail
missing=()
for pair in "$@"; do
  package=${pair%%:*}
  command=${pair#*:}
  if [[ $command == /* ]]; then
    [ -e "$command" ] || missing+=("$package")
  else
    command -v "$command" >/dev/null 2>&1 || missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing ${missing[*]} (Debian packages)" >&2
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  sudo apt-get update -qq >/dev/null
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "please install ${missing[*]} with your package manager" >&2
  exit 1
fi
