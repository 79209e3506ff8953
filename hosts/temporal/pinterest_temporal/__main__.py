"""``python -m pinterest_temporal COMMAND``: see ``cli``."""

import os
import sys

from .cli import main

code = main()
# The Temporal client's Rust threads can outlive the event loop and abort
# the interpreter's teardown (temporalio/sdk-python#300): everything is
# done and flushed by now, so skip the teardown.
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
