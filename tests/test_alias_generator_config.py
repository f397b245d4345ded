"""`alias_generator` as an `AliasGenerator`, which makes each kind of alias
(`alias`, `validation_alias` with AliasPath and AliasChoices, and
`serialization_alias`) from the field name, and a plain function, which makes
a str alias. The expectations hold for pydantic too."""

import pydantic_core
import pytest

from support import Field, Model, lib

AliasPath, AliasChoices = lib.AliasPath, lib.AliasChoices
DEFINITION_ERRORS = (TypeError, pydantic_core.SchemaError)


def test_an_alias_generator_function_gives_a_str():
    with pytest.raises(DEFINITION_ERRORS):
        class Generated(Model):
            model_config = lib.ConfigDict(alias_generator=lambda name: AliasPath(name, 0))
            x: int


def generated_model(generator):
    class Generated(Model):
        model_config = lib.ConfigDict(alias_generator=generator)
        x: int = 0
        y: int = Field(0, alias="Y")  # a field's own alias turns the generator off
        z: int = Field(0, validation_alias="zv")
        w: int = Field(0, serialization_alias="ws")

    return Generated


GENERATED_INPUT = {"x": [1], "X": 2, "x_v": 3, "Y": 4, "zv": 5, "z": [6], "w": [7], "W": 8, "w_v": 9}


@pytest.mark.parametrize("kinds, expected, dumped", [
    ({"validation_alias": lambda n: AliasPath(n, 0)}, {"x": 1, "y": 4, "z": 5, "w": 7}, {"x": 1, "Y": 4, "z": 5, "ws": 7}),
    ({"alias": str.upper, "serialization_alias": lambda n: n + "_s"}, {"x": 2, "y": 4, "z": 5, "w": 8},
     {"x_s": 2, "Y": 4, "z_s": 5, "ws": 8}),
    ({"alias": str.upper, "validation_alias": lambda n: AliasChoices(n + "_v", AliasPath(n, 0))},
     {"x": 3, "y": 4, "z": 5, "w": 9}, {"X": 3, "Y": 4, "Z": 5, "ws": 9}),
])
def test_an_alias_generator_gives_each_kind_of_alias(inputs, kinds, expected, dumped):
    instance = inputs.validate(generated_model(lib.AliasGenerator(**kinds)), GENERATED_INPUT)
    assert (instance.model_dump(), instance.model_dump(by_alias=True)) == (expected, dumped)


@pytest.mark.parametrize("kinds", [{"alias": lambda n: AliasPath(n, 0)}, {"validation_alias": lambda n: 5},
                                   {"serialization_alias": lambda n: AliasPath(n)}])
def test_an_alias_generator_gives_the_kinds_each_alias_takes(kinds):
    with pytest.raises(DEFINITION_ERRORS):
        generated_model(lib.AliasGenerator(**kinds))
