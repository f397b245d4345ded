"""Python types the native core accepts as lists in lax mode (besides list,
tuple, set and frozenset)."""

import collections
import types

LAX_LIST_TYPES = (
    collections.deque,
    type({}.keys()),
    type({}.values()),
    types.GeneratorType,
)
