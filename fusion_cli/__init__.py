"""fusion: find, parse and analyze the financial statements of earnings press releases."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["InputError", "__version__", "analyze", "extract_file"]


def __getattr__(name: str):
    if name == "InputError":  # imported on first use, so `import fusion_cli` stays light
        from .pipeline import InputError

        return InputError
    raise AttributeError(name)


def extract_file(path: str):
    """Extract the facts of one release file (see `fusion_cli.extract`); InputError when it cannot be read."""
    from pathlib import Path

    from .extract import extract_path
    from .pipeline import InputError
    from .read import ReadError

    try:
        return extract_path(Path(path))
    except ReadError as exc:
        raise InputError(f"{path}: {exc}") from None


def analyze(paths, **options):
    """Analyze releases (files or folders): an Analysis whose tables are pandas DataFrames.

    Options: mapping (dict or TOML path of label synonyms), company (treat all inputs as one company),
    max_bytes (largest input to read). The CLI's `fusion analyze` makes the same call (`pipeline.run`).
    An input that cannot be read raises InputError.
    """
    from .analysis import analyze as run

    return run(paths, **options)
