#ifndef ASSAY_CBLAS_SHIM_H
#define ASSAY_CBLAS_SHIM_H

// OpenBLAS (Debian libopenblas-dev) installs cblas.h under the multiarch include directory.
#include <cblas.h>

// LAPACK routines OpenBLAS exports but cblas.h does not declare (Fortran calling convention:
// every argument by pointer, column-major matrices).

/// Symmetric eigen-decomposition, divide and conquer.
void ssyevd_(const char *jobz, const char *uplo, const int *n, float *a, const int *lda, float *w,
             float *work, const int *lwork, int *iwork, const int *liwork, int *info);

/// Double-precision symmetric eigen-decomposition, divide and conquer.
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
             double *work, const int *lwork, int *iwork, const int *liwork, int *info);

/// Cholesky factorisation of a symmetric positive definite matrix.
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);

/// The number of threads OpenBLAS uses.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
char *openblas_get_config(void);

#endif
