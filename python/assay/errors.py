"""The errors the ``assay`` binary reports, as Python exceptions carrying its one-line message."""

from __future__ import annotations

import re

__all__ = ["AssayError", "InputError", "UsageError"]

# "assay: FILE:LINE: FIELD: message" (LINE and FIELD optional), as the binary prints a bad input.
_LOCATED = re.compile(r"^(?P<file>[^:\n]+?):(?P<line>\d+):\s(?:(?P<field>[^:\s][^:\n]*?):\s)?(?P<rest>.*)$")


class AssayError(Exception):
    """A run of the ``assay`` binary that failed: its one-line message, the file, line and field it names
    (when it names them) and its exit code (2 usage, 3 input or runtime)."""

    def __init__(self, message: str, *, exit_code: int) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.file: str | None = None
        self.line: int | None = None
        self.field: str | None = None
        located = _LOCATED.match(message)
        if located:
            self.file = located["file"]
            self.line = int(located["line"])
            self.field = located["field"]
        elif ": " in message:
            head = message.split(": ", 1)[0]
            if " " not in head and ("/" in head or "." in head) and not head.startswith("-"):
                self.file = head


class InputError(AssayError):
    """Bad input: a missing or malformed file, a wrong field name, an empty dataset … (exit code 3)."""


class UsageError(AssayError):
    """A bad option or policy (exit code 2)."""


def from_stderr(stderr: str, exit_code: int) -> AssayError:
    """The exception for a failed run: its one-line message from standard error, without its prefix."""
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    # An option error is the "Error: …" line above the usage lines; anything else is the last line.
    errors = [line for line in lines if line.startswith("Error: ")]
    message = errors[-1] if errors else lines[-1] if lines else f"assay exited {exit_code}"
    for prefix in ("assay: error: ", "Error: ", "assay: "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
            break
    kind = UsageError if exit_code == 2 else InputError
    return kind(message, exit_code=exit_code)
