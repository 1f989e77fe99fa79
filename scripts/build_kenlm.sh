#!/usr/bin/env bash
# Build KenLM's offline tools (lmplz, build_binary) from the PyPI sdist of kenlm 0.3.0.
#
# The sdist carries the whole KenLM source tree, including lm/builder. It is unpacked and
# compiled under .cache/kenlm/ (gitignored), never inside the package. Idempotent: a second run
# with both binaries present does nothing.
#
# Usage: scripts/build_kenlm.sh [CACHE_DIR]     (default: .cache/kenlm)
set -euo pipefail

CACHE="${1:-.cache/kenlm}"
PYTHON="${PYTHON:-python3}"
JOBS="${JOBS:-2}"
MAX_ORDER="${KENLM_MAX_ORDER:-4}"

source "$(dirname "$0")/kenlm_source.sh"
BUILD="$CACHE/build"
BIN="$CACHE/bin"

if [[ -x "$BIN/lmplz" && -x "$BIN/build_binary" ]]; then
    echo "kenlm tools already built in $BIN"
    exit 0
fi

# Debian's Boost, zlib, bzip2 and xz headers and cmake: installed only when missing.
BUILD_PACKAGES=(cmake g++ libboost-program-options-dev libboost-system-dev libboost-thread-dev
    libboost-test-dev zlib1g-dev libbz2-dev liblzma-dev)
missing=()
for package in "${BUILD_PACKAGES[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    SUDO=""
    [[ "$(id -u)" -eq 0 ]] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$BIN"
kenlm_source

cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DKENLM_MAX_ORDER="$MAX_ORDER" \
    -DCOMPILE_TESTS=OFF -DENABLE_PYTHON=OFF
cmake --build "$BUILD" --target lmplz build_binary -j "$JOBS"
cp "$BUILD/bin/lmplz" "$BUILD/bin/build_binary" "$BIN/"
echo "kenlm tools built in $BIN"
