"""The Python API against the binary's own report: run by scripts/wheel-test.sh in a fresh venv where the package
came from the wheel. ASSAY_FIXTURES is the repository's fixtures folder, ASSAY_REFERENCE the report.json the build's
binary wrote for the demo pair with the hashing embedder."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pandas
import pytest

import assay

FIXTURES = Path(os.environ["ASSAY_FIXTURES"])
ORIGINAL = FIXTURES / "reviews_original.jsonl"
SYNTHETIC = FIXTURES / "reviews_synthetic.jsonl"
REFERENCE = json.loads(Path(os.environ["ASSAY_REFERENCE"]).read_text())


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def check_metrics(report: assay.Report) -> None:
    assert report.data["metrics"] == REFERENCE["metrics"]
    assert report.data["findings"] == REFERENCE["findings"]


def test_compare_from_paths_gives_the_commands_report(tmp_path: Path) -> None:
    report = assay.compare(ORIGINAL, SYNTHETIC, embedder="hashing", out=tmp_path / "report")
    check_metrics(report)
    distinct = report.metric("diversity.distinct_2")
    assert distinct.synthetic is not None and distinct.original is not None
    assert distinct.synthetic.value == pytest.approx(0.068, abs=5e-4)  # the demo's Distinct-2, README
    assert distinct.original.n == 160
    assert report.html_path is not None and report.html_path.exists()


def test_compare_from_a_dataframe_a_dataset_and_dicts_gives_the_same_metrics() -> None:
    import datasets

    original = pandas.read_json(ORIGINAL, lines=True)
    synthetic = pandas.read_json(SYNTHETIC, lines=True)
    check_metrics(assay.compare(original, synthetic, embedder="hashing"))
    check_metrics(
        assay.compare(datasets.Dataset.from_pandas(original), datasets.Dataset.from_pandas(synthetic),
                      embedder="hashing"))
    check_metrics(assay.compare(rows(ORIGINAL), rows(SYNTHETIC), embedder="hashing"))
    import pyarrow

    check_metrics(
        assay.compare(pyarrow.Table.from_pandas(original), pyarrow.Table.from_pandas(synthetic), embedder="hashing"))


def test_analyze_judges_one_set_as_the_side_named(tmp_path: Path) -> None:
    report = assay.analyze(SYNTHETIC, embedder="hashing", out=tmp_path)
    distinct = report.metric("diversity.distinct_2")
    assert distinct.original is None and distinct.synthetic is not None
    assert distinct.synthetic.value == pytest.approx(0.068, abs=5e-4)
    original = assay.analyze(rows(ORIGINAL), side="original", embedder="hashing").metric("diversity.distinct_2")
    assert original.synthetic is None and original.original is not None
    assert original.original.value == pytest.approx(0.913, abs=5e-4)  # the demo's original Distinct-2


def test_rows_without_labels_are_unlabelled_unless_a_label_field_is_named() -> None:
    texts = [{"text": row["text"]} for row in rows(SYNTHETIC)]
    report = assay.analyze(texts, embedder="none")
    assert report.metric("diversity.distinct_2").synthetic is not None
    assert report.data["inputs"]["synthetic"].get("label_field") is None
    with pytest.raises(assay.InputError) as raised:
        assay.analyze(texts, label="label", embedder="none")
    assert raised.value.field == "label" and raised.value.line == 1


def test_an_unsupported_input_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="original: give a path"):
        assay.compare(42, SYNTHETIC)


def test_a_wrong_field_raises_input_error_naming_it() -> None:
    with pytest.raises(assay.InputError) as raised:
        assay.compare(ORIGINAL, SYNTHETIC, text="nope", embedder="none")
    error = raised.value
    assert error.exit_code == 3
    assert error.field == "nope" and error.line == 1 and error.file == str(ORIGINAL)
    assert "no such field" in error.message


def test_a_bad_option_raises_usage_error() -> None:
    with pytest.raises(assay.UsageError) as raised:
        assay.compare(ORIGINAL, SYNTHETIC, embedder="nonsense")
    assert raised.value.exit_code == 2 and "--embedder" in raised.value.message


def test_the_report_reads_as_a_table_and_in_a_notebook(tmp_path: Path) -> None:
    report = assay.compare(ORIGINAL, SYNTHETIC, embedder="hashing", out=tmp_path)
    table = report.to_pandas()
    assert len(table) == len(REFERENCE["metrics"])
    assert set(table["id"]) == {metric["id"] for metric in REFERENCE["metrics"]}
    shown = report._repr_html_()
    assert "Diversity" in shown and "Top problems" in shown and "report.html" in shown
    duplicates = report.flagged_rows("near_duplicates", side="synthetic")
    assert len(duplicates) == sum(
        1 for f in REFERENCE["findings"] if f["kind"] == "near_duplicates" and f["side"] == "synthetic")


def test_gate_returns_a_failed_rule_as_a_result(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("rules:\n  - metric: diversity.distinct_2\n    min_ratio: 0.9\n")
    result = assay.gate(ORIGINAL, SYNTHETIC, policy=policy, embedder="hashing", out=tmp_path / "gate",
                        store=tmp_path / "store.sqlite")
    assert not result.passed and result.exit_code == 1
    assert [gate.status for gate in result.gates] == ["fail"]


def test_the_console_script_runs_the_binary() -> None:
    printed = subprocess.run(["assay", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    assert printed == assay.__version__


def test_progress_shows_as_a_bar_or_lines_and_can_be_hidden(capsys: pytest.CaptureFixture[str]) -> None:
    assay.compare(ORIGINAL, SYNTHETIC, embedder="hashing", progress=False)
    assert "assay: " not in capsys.readouterr().err
    assay.compare(ORIGINAL, SYNTHETIC, embedder="hashing")
    shown = capsys.readouterr().err
    # tqdm is installed in the test's venv: one bar of the binary's finished steps.
    assert " steps" in shown and "assay: " in shown


def test_fetch_model_keeps_a_folder_whose_checksums_match(tmp_path: Path) -> None:
    # ASSAY_MODEL holds the model make model fetched: a copy of its two checked files is accepted as it is,
    # without a download.
    source = Path(os.environ["ASSAY_MODEL"])
    for name in ("model.safetensors", "vocab.txt"):
        (tmp_path / name).write_bytes((source / name).read_bytes())
    assert assay.fetch_model(tmp_path) == tmp_path
    assert assay.model_directory().name == "all-MiniLM-L6-v2"
