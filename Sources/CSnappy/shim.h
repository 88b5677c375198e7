#ifndef ASSAY_CSNAPPY_SHIM_H
#define ASSAY_CSNAPPY_SHIM_H

// Snappy (Debian libsnappy-dev): Parquet pages compressed with SNAPPY.
#include <snappy-c.h>

#endif
