"""The validator's false alarms and recall on WMT21/22/24 news, dev and frozen test parts side by side.

    python scripts/evaluate_validator.py [--part dev|test|both] [--out results.json]
"""

import sys

from validator_eval.evaluate import main

if __name__ == "__main__":
    sys.exit(main())
