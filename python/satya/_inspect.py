"""`satya.inspect(Model)`: how a class's constraint checks are executed."""

from . import _satya


def inspect(cls) -> dict:
    """Returns the backend (`"jit"` or `"interpreter"`), the number of checks
    compiled to native code and the number interpreted, the compile time in
    seconds, the native code size in bytes, whether validation needs the GIL
    (`needs_gil`: Python hooks here or in a nested model; None while a nested
    model waits for a forward reference), and the Cranelift IR as text."""
    from ._model import Model

    if not (isinstance(cls, type) and issubclass(cls, Model)):
        raise TypeError(f"inspect() expects a Model class, got {cls!r}")
    if "__satya_pending__" in cls.__dict__:
        cls.model_rebuild()
    return dict(_satya.CompiledSchema.describe(cls.__dict__["__satya_schema__"]))
