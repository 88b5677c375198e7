#ifndef ASSAY_CZSTD_SHIM_H
#define ASSAY_CZSTD_SHIM_H

// Zstandard (Debian libzstd-dev): streaming decompression of .zst datasets.
#include <zstd.h>

#endif
