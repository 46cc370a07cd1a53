"""English news into faithful Japanese and Chinese: summary, translation and fidelity checks."""

__version__ = "0.1.0"
