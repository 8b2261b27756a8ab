"""summarizer: structured extraction and analyst briefings from conflict news."""

from summarizer.models import SCHEMA_VERSION

__version__ = "0.1.0"

__all__ = ["SCHEMA_VERSION", "__version__"]
