#!/usr/bin/env bash
# Installs the Debian packages Assay builds against, when they are missing:
# OpenBLAS (vector math), SQLite (the store), zlib and zstd (compression ratio, compressed datasets),
# snappy, lz4 and brotli (Parquet pages).
# `install-deps.sh test` adds what the tests use: Chromium (renders the report headless) and
# poppler-utils (pdftotext, to read the report printed to PDF) and cmark-gfm (renders summary.md as GitHub would).
# `install-deps.sh wheel` adds libcurl's development files, which the statically linked Foundation needs.
set -euo pipefail

packages=(libopenblas-dev libsqlite3-dev zlib1g-dev libzstd-dev libsnappy-dev liblz4-dev libbrotli-dev)
if [ "${1:-}" = "test" ]; then
    packages+=(chromium poppler-utils cmark-gfm)
fi
if [ "${1:-}" = "wheel" ]; then
    packages+=(libcurl4-openssl-dev)
fi
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
