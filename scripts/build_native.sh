#!/usr/bin/env bash
# Build soat.lm._native: the context rule's screening pass in C++ (src/soat/lm/_native.cc),
# linked with KenLM's query code compiled from the kenlm 0.3.0 sdist (unpacked under
# .cache/kenlm, as for the model tools). soat works without it, with the same answers; with it
# a 1,000-character check with the model takes about a sixth less CPU. Idempotent: objects
# and the module are rebuilt only when older than their sources.
#
# Usage: scripts/build_native.sh [CACHE_DIR]     (default: .cache/kenlm)
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE="${1:-.cache/kenlm}"
PYTHON="${PYTHON:-python3}"
JOBS="${JOBS:-2}"
CXX="${CXX:-g++}"
source scripts/kenlm_source.sh

if ! command -v "$CXX" >/dev/null 2>&1; then
    echo "warning: no C++ compiler ($CXX); soat runs without its native screening" >&2
    exit 0
fi
kenlm_source

SUFFIX="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')"
INCLUDE="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')"
MODULE="src/soat/lm/_native$SUFFIX"
OBJ="$CACHE/native-obj"
# KENLM_MAX_ORDER sizes the model state: the shipped model is a trigram.
FLAGS=(-O3 -DNDEBUG -DKENLM_MAX_ORDER=6 -std=c++11 -fPIC -w -I"$SRC")
mkdir -p "$OBJ"

# KenLM's query code: as its own setup.py, every util/ and lm/ source but programs and tests.
sources=()
for source in "$SRC"/util/*.cc "$SRC"/lm/*.cc "$SRC"/util/double-conversion/*.cc; do
    case "$source" in *main.cc | *test.cc) continue ;; esac
    sources+=("$source")
done
stale=()
for source in "${sources[@]}"; do
    object="$OBJ/$(basename "$(dirname "$source")")_$(basename "${source%.cc}").o"
    [[ "$object" -nt "$source" ]] || stale+=("$source")
done
if [[ ${#stale[@]} -gt 0 ]]; then
    echo "compiling KenLM's query code (${#stale[@]} files)..."
    printf '%s\n' "${stale[@]}" | xargs -P "$JOBS" -I{} sh -c \
        'f="{}"; d=$(basename "$(dirname "$f")"); b=$(basename "$f" .cc); exec "$0" "$@" -c "$f" -o "'"$OBJ"'/${d}_$b.o"' \
        "$CXX" "${FLAGS[@]}"
fi

objects=("$OBJ"/*.o)
newest="src/soat/lm/_native.cc"
if [[ -f "$MODULE" && "$MODULE" -nt "$newest" && ${#stale[@]} -eq 0 ]]; then
    echo "soat.lm._native is up to date"
    exit 0
fi
"$CXX" "${FLAGS[@]}" -I"$INCLUDE" -shared src/soat/lm/_native.cc "${objects[@]}" \
    -o "$MODULE.tmp" -lrt
mv "$MODULE.tmp" "$MODULE"
echo "built $MODULE"
