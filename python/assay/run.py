"""``compare``, ``analyze`` and ``gate``: the binary run on paths or in-memory data, its report read back."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterable, Sequence

from . import binary
from .errors import from_stderr
from .report import Report

__all__ = ["compare", "analyze", "gate", "GateResult"]

Data = Any  # a path, a pandas DataFrame, a pyarrow Table, a datasets.Dataset or a list of dicts


def _module(value: Any) -> str:
    return type(value).__module__.split(".", 1)[0]


def _write(data: Data, folder: Path, name: str) -> str:
    """The path the binary reads ``data`` from: a path as given, anything else written under ``folder`` (JSON
    Lines, or Parquet for Arrow tables). pandas, pyarrow and datasets are never imported here unless the caller
    passed one of their objects."""
    if isinstance(data, (str, os.PathLike)):
        return os.fspath(data)
    module = _module(data)
    if module == "pandas" and hasattr(data, "to_json"):
        path = folder / f"{name}.jsonl"
        data.to_json(path, orient="records", lines=True, force_ascii=False)
        return str(path)
    if module == "datasets" and hasattr(data, "to_json"):
        path = folder / f"{name}.jsonl"
        data.to_json(str(path), lines=True, force_ascii=False)
        return str(path)
    if module == "pyarrow" and hasattr(data, "schema"):
        import pyarrow.parquet

        path = folder / f"{name}.parquet"
        pyarrow.parquet.write_table(data, str(path))
        return str(path)
    if isinstance(data, Sequence) and all(isinstance(row, dict) for row in data):
        path = folder / f"{name}.jsonl"
        with open(path, "w", encoding="utf-8") as file:
            for row in data:
                file.write(json.dumps(row, ensure_ascii=False) + "\n")
        return str(path)
    raise TypeError(
        f"{name}: give a path, a pandas DataFrame, a pyarrow Table, a datasets.Dataset or a list of dicts, "
        f"not {type(data).__name__}")


def _options(text: str | Sequence[str], label: str | None, attributes: Iterable[str], shape: str | None,
             embedder: str, options: dict[str, Any]) -> list[str]:
    """The command-line options: the named ones (``label`` only when given: the binary's default reads a
    ``label`` field when the rows have one), then each of ``options`` as ``--name-with-dashes value`` (True for a
    flag, a list or tuple repeated, None or False left out)."""
    arguments: list[str] = []
    for field in [text] if isinstance(text, str) else text:
        arguments += ["--text-field", field]
    if label is not None:
        arguments += ["--label-field", label]
    for attribute in attributes:
        arguments += ["--attr-field", attribute]
    if shape is not None:
        arguments += ["--shape", shape]
    arguments += ["--embedder", embedder]
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        if value is None or value is False:
            continue
        if value is True:
            arguments.append(flag)
        elif isinstance(value, (list, tuple)):
            for item in value:
                arguments += [flag, str(item)]
        else:
            arguments += [flag, str(value)]
    return arguments


# A step the binary finished, as it prints them off a terminal: "assay: embedding (word pieces): 640 rows in 3.2 s".
_STEP = re.compile(r"^assay: (?P<name>.+?): (?:[\d,]+ rows in )?[\d.]+ s$")


class _Progress:
    """The binary's finished steps: a tqdm bar (one tick a step, the step's name as its text) when tqdm is
    installed, the plain lines on standard error otherwise; every other line goes to standard error."""

    def __init__(self, show: bool) -> None:
        self.show = show
        self.bar: Any = None
        if show:
            try:
                from tqdm.auto import tqdm
            except ImportError:
                return
            self.bar = tqdm(desc="assay", unit=" steps")

    def line(self, line: str) -> None:
        step = _STEP.match(line.rstrip("\n"))
        if step and self.bar is not None:
            self.bar.set_description(f"assay: {step['name']}", refresh=False)
            self.bar.update(1)
        elif self.show or not step:
            sys.stderr.write(line)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _run(command: str, inputs: dict[str, Data], arguments: list[str], out: str | os.PathLike[str] | None,
         ok: tuple[int, ...] = (0,), progress: bool = True) -> tuple[Report, int]:
    """Runs ``assay COMMAND`` with the inputs (``--original``/``--synthetic`` or a positional ``file``) and
    ``arguments``; the report read back from ``out`` (a new temporary folder when None) and the exit code.
    The binary's summary on standard output is dropped (the report holds it); its progress shows as it comes
    (`_Progress`), and with ``progress`` False only its other lines do."""
    with tempfile.TemporaryDirectory(prefix="assay-inputs-") as scratch:
        paths: list[str] = []
        for name, data in inputs.items():
            path = _write(data, Path(scratch), name)
            paths += [path] if name == "file" else [f"--{name}", path]
        folder = Path(out) if out is not None else Path(tempfile.mkdtemp(prefix="assay-report-"))
        process = subprocess.Popen(
            [str(binary()), command, *paths, *arguments, "--out", str(folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        lines: list[str] = []
        shown = _Progress(progress)
        assert process.stderr is not None
        try:
            for line in process.stderr:
                lines.append(line)
                shown.line(line)
        finally:
            shown.close()
        code = process.wait()
    if code not in ok:
        raise from_stderr("".join(lines), code)
    return Report.load(folder), code


def compare(original: Data, synthetic: Data, *, text: str | Sequence[str] = "text", label: str | None = None,
            attributes: Iterable[str] = (), shape: str | None = None, embedder: str = "auto",
            out: str | os.PathLike[str] | None = None, progress: bool = True, **options: Any) -> Report:
    """``assay compare``: the synthetic dataset measured against the original.

    ``label`` names the label field; by default the rows' ``label`` field is read when they have one, and they are
    unlabelled otherwise (naming it makes it required). ``original`` and ``synthetic`` are each a path (a file, folder or glob, as the command reads them), a pandas
    DataFrame, a pyarrow Table, a Hugging Face ``datasets.Dataset`` or a list of dicts. Other options go to the
    command by name: ``compare(a, b, seed=7, near_cosine=0.9, groups="groups.yaml")``. The report folder is
    ``out``, or a new temporary folder. The binary's progress shows as a tqdm bar when tqdm is installed (plain
    lines otherwise); ``progress=False`` hides it.

    Raises InputError or UsageError with the binary's one-line message (``.file``, ``.line``, ``.field``).
    """
    arguments = _options(text, label, attributes, shape, embedder, options)
    return _run("compare", {"original": original, "synthetic": synthetic}, arguments, out, progress=progress)[0]


def analyze(data: Data, *, side: str = "synthetic", text: str | Sequence[str] = "text", label: str | None = None,
            attributes: Iterable[str] = (), shape: str | None = None, embedder: str = "auto",
            out: str | os.PathLike[str] | None = None, progress: bool = True, **options: Any) -> Report:
    """``assay analyze``: one dataset alone, reported as ``side`` (``synthetic`` or ``original``)."""
    arguments = _options(text, label, attributes, shape, embedder, options) + ["--as", side]
    return _run("analyze", {"file": data}, arguments, out, progress=progress)[0]


class GateResult:
    """``gate``'s outcome: ``passed`` (no rule failed), the report with its ``gates``, and the exit code."""

    def __init__(self, report: Report, exit_code: int) -> None:
        self.report = report
        self.exit_code = exit_code
        self.passed = exit_code == 0

    @property
    def gates(self) -> list[Any]:
        return self.report.gates

    def __repr__(self) -> str:
        failed = sum(gate.status == "fail" for gate in self.gates)
        return f"<assay.GateResult {'passed' if self.passed else 'failed'}: {failed} of {len(self.gates)} rules failed>"


def gate(original: Data, synthetic: Data, *, policy: str | os.PathLike[str], text: str | Sequence[str] = "text",
         label: str | None = None, attributes: Iterable[str] = (), shape: str | None = None,
         embedder: str = "auto", out: str | os.PathLike[str] | None = None, progress: bool = True,
         **options: Any) -> GateResult:
    """``assay gate``: compare, then check the report against ``policy`` (a YAML or JSON file of rules). A failed
    rule is a result (``passed`` False), not an exception; the run is recorded in the store as the command does
    (``store=...`` to choose it)."""
    arguments = _options(text, label, attributes, shape, embedder, options) + ["--policy", os.fspath(policy)]
    report, code = _run(
        "gate", {"original": original, "synthetic": synthetic}, arguments, out, ok=(0, 1), progress=progress)
    return GateResult(report, code)
