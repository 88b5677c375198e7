"""A report of ``assay compare``, ``analyze`` or ``gate``: typed access to its ``report.json``."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

__all__ = ["Report", "Metric", "SideValue", "Finding", "Problem", "Gate"]


@dataclass(frozen=True)
class SideValue:
    """One side's value of a metric, with its interval (None when the metric has none) and rows."""

    value: float | None
    ci: tuple[float, float] | None
    n: int | None

    @staticmethod
    def parse(raw: Any) -> "SideValue | None":
        if not isinstance(raw, dict):
            return None
        ci = raw.get("ci")
        return SideValue(raw.get("value"), tuple(ci) if ci else None, raw.get("n"))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Metric:
    """A metric of the report: its id (``diversity.distinct_2``), family, title, each side's value, the
    comparison's single value (for metrics of the pair, such as ``fidelity.mauve``) and values by class."""

    id: str
    family: str
    title: str
    better: str | None
    original: SideValue | None
    synthetic: SideValue | None
    value: float | None
    ci: tuple[float, float] | None
    n: int | None
    part: str | None
    by_class: dict[str, Any]
    raw: dict[str, Any] = field(repr=False)

    @staticmethod
    def parse(raw: dict[str, Any]) -> "Metric":
        ci = raw.get("ci")
        return Metric(
            id=raw["id"], family=raw.get("family", ""), title=raw.get("title", ""), better=raw.get("better"),
            original=SideValue.parse(raw.get("original")), synthetic=SideValue.parse(raw.get("synthetic")),
            value=raw.get("value"), ci=tuple(ci) if ci else None, n=raw.get("n"),  # type: ignore[arg-type]
            part=raw.get("part"), by_class=raw.get("by_class") or {}, raw=raw)


@dataclass(frozen=True)
class Finding:
    """A row the report flags: its kind (``label_issue``, ``leaked_pair``, ``language_drift`` …), side, row number,
    text and detail, and the metric it counts for when its kind serves several (``language_drift``)."""

    kind: str
    side: str
    row: int | None
    text: str | None
    detail: str | None
    location: str | None
    metric: str | None
    raw: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class Problem:
    """A ranked problem: its severity, family, the evidence and what to do."""

    severity: str
    family: str
    evidence: str
    action: str
    rows: list[int]
    raw: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class Gate:
    """A rule of a policy and its result (``pass``, ``warn`` or ``fail``)."""

    metric: str
    status: str
    raw: dict[str, Any] = field(repr=False)


class Report:
    """The report the binary wrote: ``report.json`` read back, and the folder holding it (with ``report.html``
    when written)."""

    def __init__(self, data: dict[str, Any], folder: Path | None = None) -> None:
        self.data = data
        self.folder = folder
        self.metrics = [Metric.parse(raw) for raw in data.get("metrics", [])]
        self.findings = [
            Finding(raw.get("kind", ""), raw.get("side", ""), raw.get("row"), raw.get("text"), raw.get("detail"),
                    raw.get("location"), raw.get("metric"), raw)
            for raw in data.get("findings", [])
        ]
        self.problems = [
            Problem(raw.get("severity", ""), raw.get("family", ""), raw.get("evidence", ""), raw.get("action", ""),
                    raw.get("rows") or [], raw)
            for raw in data.get("problems", [])
        ]
        self.gates = [Gate(raw.get("metric", ""), raw.get("status", ""), raw) for raw in data.get("gates", [])]

    @classmethod
    def load(cls, folder: str | Path) -> "Report":
        """The report in ``folder`` (its ``report.json``)."""
        folder = Path(folder)
        with open(folder / "report.json", encoding="utf-8") as file:
            return cls(json.load(file), folder)

    @property
    def status(self) -> str:
        """``pass``, ``warn``, ``fail`` or ``not_gated``."""
        return str(self.data.get("status", ""))

    @property
    def warnings(self) -> list[str]:
        return list(self.data.get("warnings", []))

    @property
    def html_path(self) -> Path | None:
        """The full HTML report, when it was written."""
        if self.folder is None:
            return None
        path = self.folder / "report.html"
        return path if path.exists() else None

    def metric(self, id: str, part: str | None = None) -> Metric:
        """The metric ``id`` (of ``part`` for chat data: ``"prompt"``); KeyError naming the ids when absent."""
        for metric in self.metrics:
            if metric.id == id and (part is None or metric.part == part):
                return metric
        known = ", ".join(sorted({metric.id for metric in self.metrics}))
        raise KeyError(f"no metric '{id}' in this report; it has: {known}")

    def __iter__(self) -> Iterator[Metric]:
        return iter(self.metrics)

    def flagged_rows(self, kind: str, side: str | None = None) -> list[Finding]:
        """The findings of ``kind`` (``label_issue``, ``near_duplicates``, ``leaked_pair`` …), of ``side`` when
        given."""
        return [f for f in self.findings if f.kind == kind and (side is None or f.side == side)]

    def to_pandas(self) -> Any:
        """The metric table as a pandas DataFrame: one row per metric (and part), each side's value, interval
        and rows. Imports pandas, which the caller installs."""
        import pandas

        rows = []
        for metric in self.metrics:
            row: dict[str, Any] = {"id": metric.id, "part": metric.part, "family": metric.family,
                                   "title": metric.title, "better": metric.better}
            for side in ("original", "synthetic"):
                value = getattr(metric, side)
                row[side] = value.value if value else None
                row[f"{side}_ci_low"] = value.ci[0] if value and value.ci else None
                row[f"{side}_ci_high"] = value.ci[1] if value and value.ci else None
                row[f"{side}_n"] = value.n if value else None
            row["value"] = metric.value
            rows.append(row)
        return pandas.DataFrame(rows)

    def _repr_html_(self) -> str:
        """The verdict cards and the top problems, for a notebook, with a link to the full report."""
        escape = html.escape
        colours = {"good": "#1a7f37", "bad": "#cf222e", "mixed": "#9a6700"}
        cards = []
        for family in self.data.get("families") or []:
            colour = colours.get(family.get("status", ""), "#57606a")
            cards.append(
                f'<div style="border-left:4px solid {colour};padding:4px 8px;margin:4px 0">'
                f'<b>{escape(family.get("title", ""))}</b> <span style="color:{colour}">'
                f'{escape(family.get("status", ""))}</span><br>{escape(family.get("sentence", ""))}</div>')
        problems = "".join(
            f"<li><b>{escape(p.severity)}</b> {escape(p.evidence)} → {escape(p.action)}</li>"
            for p in self.problems[:5])
        link = (f'<p><a href="{escape(self.html_path.as_uri())}" target="_blank">Full report</a></p>'
                if self.html_path else "")
        return (f'<div class="assay-report"><h3>Assay report: {escape(self.status)}</h3>{"".join(cards)}'
                f'{"<h4>Top problems</h4><ol>" + problems + "</ol>" if problems else ""}{link}</div>')

    def __repr__(self) -> str:
        return f"<assay.Report {self.status}: {len(self.metrics)} metrics, {len(self.problems)} problems>"
