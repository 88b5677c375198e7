#!/usr/bin/env python3
"""Times pyarrow reading one column of a Parquet file (tooling, not CI): the reference for Assay's reader.

For each mode, a fresh Python process runs pyarrow.parquet.read_table(FILE, columns=[COLUMN]) three times and
reports the best wall time and its own peak RSS (resource.getrusage ru_maxrss):

- default: pyarrow's own thread pools (use_threads=True);
- one core: pyarrow.set_cpu_count(1), pyarrow.set_io_thread_count(1) and use_threads=False.

MB/s is the file's size in bytes over the best time (1 MB = 10^6 bytes); the column's compressed and uncompressed
bytes (from the footer) over the same time are printed beside it. Run with the venv of
scripts/make-parquet-fixtures.py:

    /work/venv-parquet/bin/python scripts/parquet-read-bench.py FILE COLUMN
"""
import json
import os
import resource
import subprocess
import sys
import time

MODES = ["default", "one core"]


def child(mode, path, column):
    import pyarrow
    import pyarrow.parquet as pq

    threads = mode == "default"
    if not threads:
        pyarrow.set_cpu_count(1)
        pyarrow.set_io_thread_count(1)
    times, cpu = [], []
    rows = 0
    for _ in range(3):
        usage = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        table = pq.read_table(path, columns=[column], use_threads=threads)
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpu.append(after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime)
        rows = table.num_rows
        del table
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"times": times, "cpu": cpu, "rows": rows, "peak_rss": peak,
                      "pyarrow": pyarrow.__version__, "cpu_count": pyarrow.cpu_count(),
                      "io_threads": pyarrow.io_thread_count()}))


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4])
        return
    if len(sys.argv) != 3:
        sys.exit("usage: parquet-read-bench.py FILE COLUMN")
    path, column = sys.argv[1], sys.argv[2]
    import pyarrow.parquet as pq

    metadata = pq.ParquetFile(path).metadata
    index = metadata.schema.names.index(column) if column in metadata.schema.names else None
    if index is None:
        sys.exit(f"{path} has no leaf column {column!r}; it has {metadata.schema.names}")
    chunks = [metadata.row_group(i).column(index) for i in range(metadata.num_row_groups)]
    compressed = sum(chunk.total_compressed_size for chunk in chunks)
    uncompressed = sum(chunk.total_uncompressed_size for chunk in chunks)
    size = os.path.getsize(path)
    with open("/proc/loadavg") as handle:
        load_before = handle.read().strip()
    print(f"{path}: {size:,} bytes, {metadata.num_rows:,} rows, {metadata.num_row_groups} row groups; column "
          f"{column!r}: {compressed:,} bytes compressed, {uncompressed:,} uncompressed ({chunks[0].compression})")
    print(f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}, os.cpu_count()={os.cpu_count()}, "
          f"/proc/loadavg before: {load_before}")
    for mode in MODES:
        result = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", mode, path, column],
                                check=True, capture_output=True, text=True)
        report = json.loads(result.stdout)
        best = min(report["times"])
        cpu = report["cpu"][report["times"].index(best)]
        print(f"{mode:>8}: best {best:.3f} s of {', '.join(f'{t:.3f}' for t in report['times'])} s "
              f"(CPU {cpu:.2f} s, pyarrow {report['pyarrow']}, cpu_count {report['cpu_count']}, io threads "
              f"{report['io_threads']}); {size / best / 1e6:,.0f} MB/s of file, {compressed / best / 1e6:,.0f} MB/s "
              f"of the column compressed, {uncompressed / best / 1e6:,.0f} MB/s uncompressed; "
              f"peak RSS {report['peak_rss'] / 1e6:,.0f} MB ({report['rows']:,} rows)")
    with open("/proc/loadavg") as handle:
        print(f"/proc/loadavg after: {handle.read().strip()}")


if __name__ == "__main__":
    main()
