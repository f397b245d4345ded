import os
import sys

import pytest
from hypothesis import HealthCheck, settings

# Make `support` importable whatever the rootdir / import mode.
sys.path.insert(0, os.path.dirname(__file__))

from support import INPUT_KINDS, NATIVE_MACHINE, ORACLE, BackendModels, Inputs  # noqa: E402

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
# `make test-pythons` runs the suite again on every other interpreter, where what
# can differ is the interpreter, not the search: fewer examples, still deterministic.
settings.register_profile(
    "other-pythons",
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.load_profile(os.environ.get("SATYA_HYPOTHESIS_PROFILE", "default"))


# ---------------------------------------------------------------------------
# Constraint backends. Tests that take `backend_models` run twice, once with
# their models compiled to native code and once with the interpreter, so that
# every assertion about bounds and lengths holds for both.

# Under the oracle (SATYA_TEST_LIBRARY=pydantic) there is one backend, pydantic.
BACKENDS = ["pydantic"] if ORACLE else ["jit", "interpreter"]


@pytest.fixture(params=BACKENDS)
def backend(request):
    """The constraint backend ("jit" or "interpreter") models are defined under."""
    if request.param == "jit" and not NATIVE_MACHINE:
        pytest.skip("native code is generated for x86_64 and aarch64 only")
    return request.param


@pytest.fixture
def backend_models(backend):
    """A `BackendModels` for each backend in turn."""
    return BackendModels(backend)


# ---------------------------------------------------------------------------
# Input kinds. Tests that take `inputs` run twice, once validating Python
# objects with `model_validate` and once validating the same data as JSON text
# with `model_validate_json`. With `backend_models` as well, a constraint test
# runs four times: each input kind under each backend.


@pytest.fixture(params=INPUT_KINDS)
def input_kind(request):
    """The kind of input a test validates: "python" or "json"."""
    return request.param


@pytest.fixture
def inputs(input_kind):
    """An `Inputs` for each input kind in turn. After the test it checks that the
    test validated through its own kind (unless that run was skipped because JSON
    cannot carry the test's data)."""
    helper = Inputs(input_kind)
    yield helper
    helper.assert_exercised()
