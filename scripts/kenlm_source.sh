# Sourced by build_kenlm.sh and build_native.sh: unpacks the PyPI sdist of kenlm 0.3.0 (the whole
# KenLM source tree) under $CACHE, downloading it once. Needs CACHE and PYTHON; sets SRC.
KENLM_VERSION=0.3.0
KENLM_SHA256=c4628bb9fb63c8a6f9240035b8b037385cfc404cb72e933cf48878291edac1e8
SDIST="$CACHE/dl/kenlm-$KENLM_VERSION.tar.gz"
SRC="$CACHE/kenlm-$KENLM_VERSION"

kenlm_source() {
    mkdir -p "$CACHE/dl"
    if [[ ! -f "$SDIST" ]]; then
        # Only kenlm itself is fetched as source; its build dependencies may come as wheels.
        # pip may fail while preparing metadata yet still leave the archive: check for the file.
        "$PYTHON" -m pip download -q --no-deps --no-binary kenlm "kenlm==$KENLM_VERSION" \
            -d "$CACHE/dl" >/dev/null 2>&1 || true
    fi
    if [[ ! -f "$SDIST" ]]; then
        echo "error: could not download kenlm==$KENLM_VERSION sdist into $CACHE/dl" >&2
        return 1
    fi
    echo "$KENLM_SHA256  $SDIST" | sha256sum -c --quiet - || return 1
    if [[ ! -f "$SRC/lm/builder/lmplz_main.cc" ]]; then
        tar -xzf "$SDIST" -C "$CACHE"
    fi
}
