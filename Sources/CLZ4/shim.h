#ifndef ASSAY_CLZ4_SHIM_H
#define ASSAY_CLZ4_SHIM_H

// LZ4 (Debian liblz4-dev): Parquet pages compressed with LZ4_RAW.
#include <lz4.h>

#endif
