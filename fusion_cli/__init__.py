"""fusion: find, parse and analyze the financial statements of earnings press releases."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "analyze", "extract_file"]


def extract_file(path: str):
    """Extract the facts of one release file (see `fusion_cli.extract`)."""
    from pathlib import Path

    from .extract import extract_path

    return extract_path(Path(path))


def analyze(paths, **options):
    """Analyze releases (files or folders): an Analysis whose tables are pandas DataFrames.

    Options: mapping (dict or TOML path of label synonyms), company (treat all inputs as one company),
    max_bytes (largest input to read). See `fusion_cli.analysis.analyze`.
    """
    from .analysis import analyze as run

    return run(paths, **options)
