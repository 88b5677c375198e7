#ifndef ASSAY_CBROTLI_SHIM_H
#define ASSAY_CBROTLI_SHIM_H

// Brotli (Debian libbrotli-dev): Parquet pages compressed with BROTLI.
#include <brotli/decode.h>

#endif
