"""Process-wide settings.

`satya.config.jit = False` makes classes defined afterwards validate with the
interpreter; a class keeps the backend it was built with. The environment
variable `SATYA_JIT=0` sets the initial value, and `model_config = {"jit": False}`
opts out a single class.

`satya.config.native_mode` is satya 0.x's switch, kept so that 0.x code runs:
native storage is the only mode now, so setting it changes nothing (nor does
a class's `__satya_native__ = True`).

`satya.config.threads` sets how many threads a JSON batch uses (None: the
`SATYA_THREADS` environment variable, else the number of cores); a call's
`threads=` overrides it.
"""

import os

jit: bool = os.environ.get("SATYA_JIT", "1").strip().lower() not in ("0", "false", "no", "off")

threads: int | None = None

native_mode: bool = True
