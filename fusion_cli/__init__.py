"""fusion: find, parse and analyze the financial statements of earnings press releases."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "extract_file"]


def extract_file(path: str):
    """Extract the facts of one release file (see `fusion_cli.extract`)."""
    from pathlib import Path

    from .extract import extract_path

    return extract_path(Path(path))
