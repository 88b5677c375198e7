#ifndef ASSAY_CZLIB_SHIM_H
#define ASSAY_CZLIB_SHIM_H

#include <zlib.h>

// deflateInit2 is a macro over deflateInit2_ that Swift cannot import.
static inline int assay_deflate_init2(z_streamp strm, int level, int method, int windowBits, int memLevel,
                                      int strategy) {
    return deflateInit2(strm, level, method, windowBits, memLevel, strategy);
}

// inflateInit2 is a macro over inflateInit2_ too.
static inline int assay_inflate_init2(z_streamp strm, int windowBits) { return inflateInit2(strm, windowBits); }

#endif
