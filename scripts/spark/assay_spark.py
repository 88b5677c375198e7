#!/usr/bin/env python3
"""Sharded Assay run on Spark: one task per data file runs `assay shard`, the driver merges and reports.

The same run as scripts/assay-shards.sh, with Spark instead of xargs spreading the shards: the driver lists the
data files of each side (a file, a folder or a quoted glob pattern, as `assay compare` reads them), makes one
task per file (`sc.parallelize(jobs, len(jobs))`), and each task runs

    assay shard FILE --out WORK/SIDE/NNNNN-NAME.state [SHARD_OPTION...]

on its executor. The driver collects the state paths, then runs `assay merge` per side into WORK/SIDE.state and
`assay report` into --out, which assay writes atomically: a failed run leaves no half-written report. A failed
shard is named with the end of its output, no shard starts after it (a marker file in WORK), and the run exits 1.

Local, from the repository root, with pyspark installed (make spark-test builds a venv for it):

    python scripts/spark/assay_spark.py --assay .build/release/assay \\
        --original 'data/train-*.jsonl.gz' --synthetic synthetic/ --out report \\
        --shard-option=--label-field=label --report-option=--embedder=hashing

On a cluster (--master yarn, k8s://…, spark://…) the data files and --work must be on storage that the driver and
every executor see at the same path (NFS, a mounted bucket), and the executors need the binary: either installed
on the image at the --assay path, or shipped with the job (--ship-assay, or spark-submit --files BIN
--ship-assay). A shipped binary must run there: build it with --static-swift-stdlib, and have the Debian
libraries it links (OpenBLAS, SQLite, zlib, zstd, snappy, lz4, brotli) on the image.

    spark-submit --master yarn --files /opt/assay/bin/assay scripts/spark/assay_spark.py \\
        --assay /opt/assay/bin/assay --ship-assay --work /shared/assay-run \\
        --original '/shared/data/train-*.parquet' --out /shared/reports/train

Exit status: 0 when the report was written, 1 when a shard, a merge or the report failed, 2 on a usage error.
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Any

from pyspark import SparkConf, SparkContext, SparkFiles

PROGRAM = "assay-spark"
DATA_EXTENSIONS = (".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".tab", ".parquet")
SIDES = ("original", "synthetic")
TAIL_LINES = 20

# A shard job as it travels to an executor: (side, index, file, state). Plain tuples and dicts cross the wire,
# not dataclasses: an executor cannot unpickle a class defined in the driver's __main__.
Job = tuple[str, int, str, str]


@dataclass(frozen=True)
class ShardOutcome:
    """What one `assay shard` task did, as the driver reads it back."""

    side: str
    file: str
    state: str
    status: int | None  # None: skipped, because another shard had failed
    seconds: float
    host: str
    output: str


class RunError(Exception):
    """A failure that ends the run with exit 1; its message names the file or the step."""

    status = 1


class UsageError(RunError):
    """A command line that cannot work as given: exit 2."""

    status = 2


def say(message: str) -> None:
    """Prints a progress line to standard error."""
    print(f"{PROGRAM}: {message}", file=sys.stderr, flush=True)


def tail(text: str, lines: int = TAIL_LINES) -> str:
    """The last `lines` lines of `text`."""
    return "\n".join(text.rstrip("\n").splitlines()[-lines:])


def is_data_file(path: str) -> bool:
    """Whether the name ends in an extension Assay reads, optionally compressed (.gz, .zst)."""
    name = path.lower()
    for compression in (".gz", ".zst"):
        name = name.removesuffix(compression)
    return name.endswith(DATA_EXTENSIONS)


def resolve(spec: str) -> list[str]:
    """The absolute paths of the data files `spec` names, in byte-wise order.

    A folder gives its non-hidden regular data files (links to them too), a path that exists gives itself, a path
    that does not exist and holds `*`, `?` or `[` is a glob pattern whose data files are taken.

    - Raises: `RunError` naming `spec` when it yields no data file.
    - Complexity: O(n log n) in the folder's entries or the pattern's matches.
    """
    if os.path.isdir(spec):
        found = [
            os.path.join(spec, name)
            for name in os.listdir(spec)
            if not name.startswith(".") and is_data_file(name) and os.path.isfile(os.path.join(spec, name))
        ]
        if not found:
            raise RunError(
                f"{spec}: the folder holds no data files (.jsonl, .json, .csv, .tsv, .parquet, optionally .gz or .zst)"
            )
    elif os.path.exists(spec):
        found = [spec]
    elif any(character in spec for character in "*?["):
        matches = glob.glob(spec)
        if not matches:
            raise RunError(f"{spec}: no file matches the pattern; check it, and quote it so the shell leaves it alone")
        found = [path for path in matches if is_data_file(path) and os.path.isfile(path)]
        if not found:
            raise RunError(f"{spec}: the pattern matches {len(matches)} path(s) but no data files")
    else:
        raise RunError(f"{spec}: no such file or folder")
    return sorted((os.path.abspath(path) for path in found), key=os.fsencode)


def plan(sides: dict[str, list[str]], work: str) -> list[Job]:
    """One job per data file of each side, its state at WORK/SIDE/NNNNN-NAME.state (NNNNN counts from 1).

    - Raises: `RunError` when a side names one file twice (assay merge would refuse the two states).
    """
    jobs: list[Job] = []
    for side, specs in sides.items():
        seen: dict[str, str] = {}
        for spec in specs:
            for file in resolve(spec):
                key = os.path.realpath(file)
                if key in seen:
                    raise RunError(
                        f"{file}: named twice on the {side} side (also as {seen[key]}); each file is read once"
                    )
                seen[key] = file
                index = len(seen)
                jobs.append(
                    (side, index, file, os.path.join(work, side, f"{index:05d}-{os.path.basename(file)}.state"))
                )
    return jobs


def shard_task(job: Job, assay: str, shipped: bool, options: list[str], failed_marker: str) -> dict[str, Any]:
    """Runs `assay shard` for one job on an executor and returns what happened as a plain dict.

    Never raises: a failure is returned (status and output) so the driver names the file, instead of Spark
    retrying a task that bad input would fail again. Skipped (status None) once another shard has failed.
    """
    side, _, file, state = job
    host = os.uname().nodename
    if os.path.exists(failed_marker):
        return {"side": side, "file": file, "state": state, "status": None, "seconds": 0.0, "host": host, "output": ""}
    binary = SparkFiles.get(os.path.basename(assay)) if shipped else assay
    start = time.monotonic()
    try:
        os.makedirs(os.path.dirname(state), exist_ok=True)
        process = subprocess.run(
            [binary, "shard", file, "--out", state, *options], capture_output=True, text=True, errors="replace"
        )
        status, output = process.returncode, process.stdout + process.stderr
    except OSError as error:
        status, output = 127, f"cannot run {binary} on {host}: {error}"
    if status != 0:
        with open(failed_marker, "a", encoding="utf-8") as marker:
            marker.write(file + "\n")
    return {
        "side": side,
        "file": file,
        "state": state,
        "status": status,
        "seconds": time.monotonic() - start,
        "host": host,
        "output": tail(output),
    }


class Progress:
    """Prints the shard stage's completed task count every few seconds while it runs (Spark's status tracker)."""

    def __init__(self, context: SparkContext, total: int, interval: float = 5.0) -> None:
        self.context, self.total, self.interval = context, total, interval
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def __enter__(self) -> "Progress":
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.done.set()
        self.thread.join()

    def run(self) -> None:
        tracker, last = self.context.statusTracker(), None
        while not self.done.wait(self.interval):
            infos = [tracker.getStageInfo(stage) for stage in tracker.getActiveStageIds()]
            counts = [(info.numCompletedTasks, info.numActiveTasks) for info in infos if info is not None]
            if counts and counts != last:
                completed, active = sum(done for done, _ in counts), sum(running for _, running in counts)
                say(f"shards: {completed}/{self.total} done, {active} running")
                last = counts


def run_step(command: list[str], what: str) -> str:
    """Runs an assay step on the driver and returns its output.

    - Raises: `RunError` naming `what`, with the end of the step's output, when it exits non-zero.
    """
    try:
        process = subprocess.run(command, capture_output=True, text=True, errors="replace")
    except OSError as error:
        raise RunError(f"{what}: cannot run {command[0]}: {error}") from error
    output = process.stdout + process.stderr
    if process.returncode != 0:
        raise RunError(f"{what} exited {process.returncode}\n--- last lines of its output\n{tail(output)}")
    return output


def shard_all(context: SparkContext, jobs: list[Job], args: argparse.Namespace, work: str) -> list[ShardOutcome]:
    """Runs every shard job as its own Spark task and returns their outcomes in job order.

    - Raises: `RunError` naming every failed file, with the end of the first failure's output.
    """
    failed_marker = os.path.join(work, "failed")
    if os.path.exists(failed_marker):
        os.remove(failed_marker)
    assay, shipped, options = args.assay, args.ship_assay, list(args.shard_option)
    say(f"running {len(jobs)} shard task(s) on {context.master}, states in {work}")
    start = time.monotonic()
    tasks = context.parallelize(jobs, len(jobs))
    with Progress(context, len(jobs)):
        results = tasks.map(lambda job: shard_task(job, assay, shipped, options, failed_marker)).collect()
    outcomes = [ShardOutcome(**result) for result in results]
    for outcome in outcomes:
        if outcome.status == 0:
            say(f"sharded {outcome.file} in {outcome.seconds:.1f} s on {outcome.host}")
    failures = [outcome for outcome in outcomes if outcome.status not in (0, None)]
    if failures:
        first = failures[0]
        skipped = sum(outcome.status is None for outcome in outcomes)
        lines = [f"{outcome.file}: assay shard exited {outcome.status} on {outcome.host}" for outcome in failures]
        lines += [f"--- last lines of the output for {first.file}", first.output]
        if skipped:
            lines.append(f"{skipped} shard(s) not started after the failure")
        lines.append("no report written")
        raise RunError("\n".join(lines))
    say(f"sharded {len(outcomes)} file(s) in {time.monotonic() - start:.1f} s")
    return outcomes


def spark_context(args: argparse.Namespace) -> SparkContext:
    """A Spark context on --master, or on spark-submit's master, or on local[2]."""
    conf = SparkConf().setAppName("assay-shards").set("spark.ui.showConsoleProgress", "false")
    under_submit = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started this driver and set its master
    if args.master or not under_submit:
        conf.setMaster(args.master or "local[2]")
    for setting in args.conf:
        key, _, value = setting.partition("=")
        conf.set(key, value)
    if (args.master or ("" if under_submit else "local")).startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the executors' Python: this one, with pyspark
    context = SparkContext(conf=conf)
    context.setLogLevel("WARN")
    return context


def run(args: argparse.Namespace, work: str, temporary: bool) -> None:
    """Lists the files, shards them on Spark, merges each side and writes the report.

    - Raises: `RunError` naming the file or the step that failed.
    """
    sides: dict[str, list[str]] = {side: getattr(args, side) for side in SIDES if getattr(args, side)}
    jobs = plan(sides, work)
    for side in sides:
        say(f"{side}: {sum(job[0] == side for job in jobs)} file(s)")
        os.makedirs(os.path.join(work, side), exist_ok=True)

    context = spark_context(args)
    try:
        if temporary and not (context.master or "").startswith("local"):
            raise UsageError(f"give --work on storage the driver and every executor of {context.master} see")
        shipped = {os.path.basename(path) for path in context.getConf().get("spark.files", "").split(",") if path}
        if args.ship_assay and os.path.basename(args.assay) not in shipped:
            context.addFile(args.assay)
        outcomes = shard_all(context, jobs, args, work)
    finally:
        context.stop()

    quiet = ["-q"] if args.quiet else []
    report_arguments: list[str] = []
    for side in sides:
        states = [outcome.state for outcome in outcomes if outcome.side == side]
        merged = os.path.join(work, f"{side}.state")
        what = f"assay merge of the {side} side's {len(states)} state(s) into {merged}"
        run_step([args.assay, "merge", *states, "--out", merged, *quiet], what)
        say(f"merged {len(states)} {side} state(s) into {merged}")
        report_arguments += [f"--{side}", merged]
    command = [args.assay, "report", *report_arguments, "--out", args.out, *args.report_option, *quiet]
    output = run_step(command, f"assay report into {args.out}")
    if output.strip():
        print(output.rstrip("\n"), file=sys.stderr)
    say(f"report in {args.out}")


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """The command line; exits 2 on a usage error."""
    parser = argparse.ArgumentParser(
        prog="assay_spark.py",
        description="Sharded Assay run on Spark: assay shard per file as Spark tasks, then assay merge and report.",
        epilog="Options starting with -- take their value with =: --shard-option=--label-field=label.",
    )
    parser.add_argument("--assay", default=shutil.which("assay"), help="the assay binary (default: assay on PATH)")
    parser.add_argument(
        "--work",
        help="where the states go, seen by the driver and every executor (default: a temporary folder; local only)",
    )
    parser.add_argument(
        "--original",
        action="append",
        required=True,
        metavar="SPEC",
        help="a data file, folder or quoted glob pattern; repeatable",
    )
    parser.add_argument(
        "--synthetic", action="append", default=[], metavar="SPEC", help="the same for the synthetic side; repeatable"
    )
    parser.add_argument("--out", required=True, metavar="REPORT_DIR", help="the report folder, written by assay report")
    parser.add_argument(
        "--shard-option",
        action="append",
        default=[],
        metavar="OPT",
        help="one argument for every assay shard; repeatable",
    )
    parser.add_argument(
        "--report-option", action="append", default=[], metavar="OPT", help="one argument for assay report; repeatable"
    )
    parser.add_argument("--master", help="the Spark master (default: spark-submit's --master, else local[2])")
    parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="a Spark setting; repeatable")
    parser.add_argument(
        "--ship-assay",
        action="store_true",
        help="ship the binary to the executors (SparkContext.addFile, or spark-submit --files)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="pass -q to assay")
    args = parser.parse_args(argv)
    if not args.assay:
        parser.error("no assay on PATH; give the binary with --assay")
    if not (os.path.isfile(args.assay) and os.access(args.assay, os.X_OK)):
        parser.error(f"{args.assay} is not an executable file; build it with: swift build --product assay -Xswiftc -O")
    args.assay = os.path.abspath(args.assay)
    if args.quiet:
        args.shard_option.append("-q")
    if any("=" not in setting for setting in args.conf):
        parser.error("--conf takes KEY=VALUE")
    if os.path.exists(args.out) and not os.path.isdir(args.out):
        parser.error(f"--out {args.out} exists and is not a folder")
    return args


def main(argv: list[str]) -> int:
    """Runs the sharded comparison; returns the exit status."""
    args = parse_arguments(argv)
    temporary = args.work is None
    work = tempfile.mkdtemp(prefix="assay-spark.") if temporary else os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    try:
        run(args, work, temporary)
    except RunError as error:
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        return error.status
    finally:
        if temporary:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
