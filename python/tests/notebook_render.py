"""The notebook representation end to end: a notebook whose one cell runs assay.compare is executed (nbclient),
exported to HTML (nbconvert), and rendered by headless Chromium, whose DOM must hold the report's verdict cards,
its top problems and the link to the full report. Run by scripts/wheel-test.sh in the wheel's venv.

Usage: python notebook_render.py FIXTURES WORK_DIR CHROMIUM
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter


def main() -> None:
    fixtures, work, chromium = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    cell = (
        "import assay\n"
        f"report = assay.compare({str(fixtures / 'reviews_original.jsonl')!r}, "
        f"{str(fixtures / 'reviews_synthetic.jsonl')!r}, embedder='hashing', out={str(work / 'report')!r}, "
        "progress=False)\n"
        "report"
    )
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)])
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(work)}}).execute()
    outputs = notebook.cells[0].outputs
    shown = [output for output in outputs if output.get("output_type") == "execute_result"]
    if not shown or "text/html" not in shown[0]["data"]:
        sys.exit(f"notebook-render: the cell gave no HTML representation: {outputs}")
    page = work / "notebook.html"
    body, _ = HTMLExporter().from_notebook_node(notebook)
    page.write_text(body, encoding="utf-8")
    profile = work / "chromium-profile"
    dom = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=5000",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True).stdout
    expected = ['class="assay-report"', "Assay report: not_gated", "<b>Diversity</b>", "Top problems",
                "report/report.html"]
    missing = [text for text in expected if text not in dom]
    if missing:
        sys.exit(f"notebook-render: Chromium's DOM of {page} lacks {missing}")
    print(f"notebook-render: the cell's report renders in headless Chromium ({len(dom):,} characters of DOM)")


if __name__ == "__main__":
    main()
