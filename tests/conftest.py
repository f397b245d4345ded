import os
import sys

from hypothesis import HealthCheck, settings

# Make `support` importable whatever the rootdir / import mode.
sys.path.insert(0, os.path.dirname(__file__))

# The default profile is deterministic, so that a run of the suite does not depend
# on luck; `SATYA_HYPOTHESIS_PROFILE=explore` searches much wider with fresh
# randomness each run.
settings.register_profile(
    "default",
    max_examples=250,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.register_profile(
    "explore",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.load_profile(os.environ.get("SATYA_HYPOTHESIS_PROFILE", "default"))
