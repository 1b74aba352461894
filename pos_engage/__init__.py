"""pos-engage: the till companion that connects a shop's POS to Voyado Engage."""

import time

__version__ = "0.1.0"

STARTED = time.perf_counter()  # the first of our code to run: the start the till's self-test measures from
