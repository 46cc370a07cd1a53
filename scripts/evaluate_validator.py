"""The validator's false alarms and recall on WMT22/24: `python -m pipeline eval` as a script."""

import sys

from pipeline.evaluation import main

if __name__ == "__main__":
    sys.exit(main())
