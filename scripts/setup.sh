#!/usr/bin/env bash
# Installs everything soat, its tests and its peers need on a fresh Debian machine, then proofreads
# the sample. Idempotent: a second run only checks what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(chromium hunspell hunspell-vi g++)
missing=()
for package in "${SYSTEM_PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python3 -m pip install -q --disable-pip-version-check -e '.[test,peers]'
# The context rule's screening in C++ over KenLM's sources (soat works without it, slower).
PYTHON=python3 bash scripts/build_native.sh >/dev/null
command -v pyenv >/dev/null 2>&1 && pyenv rehash || true

if [ "${SOAT_SETUP_QUIET:-}" != 1 ]; then
  echo "== soat check samples/tin-tuc.txt =="
  python3 -m soat check samples/tin-tuc.txt || [ $? -eq 1 ]
fi
