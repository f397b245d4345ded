"""Process-wide settings.

`satya.config.jit = False` makes classes defined afterwards validate with the
interpreter; a class keeps the backend it was built with. The environment
variable `SATYA_JIT=0` sets the initial value, and `model_config = {"jit": False}`
opts out a single class.

`satya.config.native_mode` is satya 0.x's switch, kept so that 0.x code runs:
native storage is the only mode now, so it reads True and setting it changes
nothing (nor does a class's `__satya_native__ = True`); each use warns.

`satya.config.threads` sets how many threads a JSON batch uses (None: the
`SATYA_THREADS` environment variable, else the number of cores); a call's
`threads=` overrides it.
"""

import os
import sys
import types

jit: bool = os.environ.get("SATYA_JIT", "1").strip().lower() not in ("0", "false", "no", "off")

threads: int | None = None


class _Settings(types.ModuleType):
    """This module, with 0.x's `native_mode` as a property that warns."""

    @property
    def native_mode(self) -> bool:
        _warn_native_mode()
        return True

    @native_mode.setter
    def native_mode(self, value) -> None:
        _warn_native_mode()


def _warn_native_mode() -> None:
    from ._v1_names import warn_v0
    warn_v0("`satya.config.native_mode` is satya 0.x's switch; native storage is the only mode now, "
            "so it changes nothing: remove it.", stacklevel=4)


sys.modules[__name__].__class__ = _Settings
