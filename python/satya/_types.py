"""Python types the native core accepts as lists in lax mode (besides list,
tuple, set and frozenset)."""

import collections
import collections.abc
import types

LAX_LIST_TYPES = (
    collections.deque,
    range,
    type({}.keys()),
    type({}.values()),
    type({}.items()),
    types.GeneratorType,
    collections.abc.Iterator,
    memoryview,
)
