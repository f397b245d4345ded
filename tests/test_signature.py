"""`inspect.signature` of Model classes, compared with pydantic's on the same
models: parameter names (aliases), kinds, defaults and annotations."""

import inspect
import typing
from typing import Any, List, Optional

import pydantic
import pydantic.alias_generators
import pytest

import satya
import satya.alias_generators


def plain(lib):
    class User(lib.BaseModel):
        id: int
        name: str = "anon"
        tags: List[str] = lib.Field(default_factory=list)
        nick: Optional[str] = None
    return User


def aliases(lib):
    class User(lib.BaseModel):
        id: int = lib.Field(alias="userId")
        name: str = lib.Field("anon", validation_alias="userName")
        both: int = lib.Field(1, alias="first", validation_alias="second")
        spaced: int = lib.Field(2, alias="not an identifier")
        reserved: int = lib.Field(3, alias="class")
        path: int = lib.Field(4, validation_alias=lib.AliasPath("a", 0))
        choices: int = lib.Field(5, validation_alias=lib.AliasChoices("c1", "c2"))
    return User


def by_name_and_extra(lib):
    class User(lib.BaseModel):
        model_config = lib.ConfigDict(populate_by_name=True, extra="allow")
        id: int = lib.Field(alias="userId")
        name: str = "anon"
    return User


def by_name_only(lib):
    class User(lib.BaseModel):
        model_config = lib.ConfigDict(validate_by_alias=False, validate_by_name=True)
        id: int = lib.Field(alias="userId")
        name: str = lib.Field("anon", validation_alias="userName")
    return User


def extra_named_like_the_keywords(lib):
    class User(lib.BaseModel):
        model_config = lib.ConfigDict(extra="allow")
        x: int
        extra_data: int = 0
    return User


def constrained(lib):
    class User(lib.BaseModel):
        id: int = lib.Field(gt=0)
        name: str = lib.Field("anon", min_length=1)
    return User


def own_init_with_kwargs(lib):
    class User(lib.BaseModel):
        x: int = lib.Field(alias="xAlias")
        y: int = 0
        z: int = lib.Field(0, alias="zz")

        def __init__(self, a: int, zz: int = 5, *, x: int = 3, **data: Any) -> None:
            super().__init__(xAlias=x, zz=zz, **data)
    return User


def own_init_without_kwargs(lib):
    class User(lib.BaseModel):
        x: int

        def __init__(self, x: int, label: str = "q") -> None:
            super().__init__(x=x)
    return User


def own_init_with_extra(lib):
    class User(lib.BaseModel):
        model_config = lib.ConfigDict(extra="allow")
        x: int = 0

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
    return User


def alias_generator(lib):
    class User(lib.BaseModel):
        model_config = lib.ConfigDict(alias_generator=lib.alias_generators.to_camel)
        user_id: int
        first_name: str = lib.Field("anon", alias="given")
    return User


def inherited(lib):
    class Base(lib.BaseModel):
        id: int
        name: str = "anon"

    class User(Base):
        level: int = 1
        name: str = "user"
    return User


def self_referencing(lib):
    class Node(lib.BaseModel):
        value: int
        children: List["Node"] = []
        parent: Optional["Node"] = None
    return Node


CASES = [plain, aliases, by_name_and_extra, by_name_only, extra_named_like_the_keywords, constrained, own_init_with_kwargs,
         own_init_without_kwargs, own_init_with_extra, alias_generator, inherited, self_referencing]


def _view(signature: inspect.Signature) -> list:
    """What must agree: pydantic keeps a field's constraints in its annotation
    (`Annotated[int, Gt(gt=0)]`), satya in the field: compare the types."""
    params = []
    for p in signature.parameters.values():
        annotation = p.annotation
        if typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        params.append((p.name, p.kind, _type_text(annotation), repr(p.default)))
    return [params, signature.return_annotation]


def _type_text(annotation) -> str:
    # the classes of a self-referencing model differ between the libraries: compare by name
    return repr(annotation).replace("typing.", "").replace(f"{__name__}.", "")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__)
def test_signature_matches_pydantic(case):
    mine, theirs = inspect.signature(case(satya)), inspect.signature(case(pydantic))
    assert _view(mine) == _view(theirs)


def test_fields_are_keyword_only_with_annotations_and_defaults():
    assert str(inspect.signature(plain(satya))) == (
        "(*, id: int, name: str = 'anon', tags: List[str] = <factory>, nick: Optional[str] = None) -> None")


def test_unresolved_forward_reference_is_shown_as_written_until_rebuilt():
    class Pending(satya.Model):
        later: "Later"
        count: int = 0

    assert str(inspect.signature(Pending)) == "(*, later: 'Later', count: int = 0) -> None"

    class Later(satya.Model):
        x: int

    Pending.model_rebuild()
    later = inspect.signature(Pending).parameters["later"]
    assert later.annotation is Later


def test_signature_is_made_once():
    User = plain(satya)
    assert inspect.signature(User) is inspect.signature(User)


def test_instances_have_no_signature_of_their_own():
    class Adder(satya.Model):
        base: int

        def __call__(self, x: int) -> int:
            return self.base + x

    adder = Adder(base=1)
    assert not hasattr(adder, "__signature__")
    assert str(inspect.signature(adder)) == "(x: int) -> int"


def test_init_stays_native():
    User = plain(satya)
    assert User.__init__ is satya.Model.__init__
    assert User(id=1).name == "anon"


def test_private_attributes_are_never_init_parameters():
    with pytest.raises(TypeError, match="init must be False"):
        satya.PrivateAttr(init=True)


def test_signature_keeps_no_class_alive():
    import gc
    import weakref

    ref = weakref.ref(plain(satya))
    inspect.signature(ref())
    gc.collect()
    assert ref() is None


def test_class_pickled_by_value_makes_its_signature_again():
    import subprocess
    import sys

    cloudpickle = pytest.importorskip("cloudpickle")
    User = aliases(satya)
    expected = str(inspect.signature(User))
    load = "import inspect, pickle, sys; cls = pickle.loads(sys.stdin.buffer.read()); print(inspect.signature(cls))"
    done = subprocess.run([sys.executable, "-c", load], input=cloudpickle.dumps(User), capture_output=True,
                          check=True, timeout=60)
    assert done.stdout.decode().strip() == expected
