"""`compile_json_schema` and `JSONSchemaCompiler` for objects: Model classes,
nested and recursive definitions, discriminated unions, names that are not
Python names, the ways a schema can be given, and the errors of a schema
satya cannot check."""

import json

import pydantic
import pytest

from support import ORACLE, errors_of, satya_only

pytestmark = satya_only

if not ORACLE:
    import satya
    from satya.json_schema_compiler import JSONSchemaValidator, JSONSchemaCompiler, compile_json_schema

USER = {
    "title": "User",
    "type": "object",
    "description": "A registered user.",
    "properties": {
        "id": {"type": "integer", "exclusiveMinimum": 0},
        "name": {"type": "string", "minLength": 1, "maxLength": 20, "title": "Full name"},
        "email": {"type": "string", "format": "email"},
        "tags": {"type": "array", "items": {"type": "string"}, "default": []},
        "address": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
    "required": ["id", "name"],
    "additionalProperties": False,
}


def pydantic_user():
    class UserAddress(pydantic.BaseModel):
        city: str

    class User(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(extra="forbid")
        id: int = pydantic.Field(gt=0)
        name: str = pydantic.Field(min_length=1, max_length=20)
        email: pydantic.EmailStr = None
        tags: list[str] = []
        address: UserAddress = None

    return User


def outcome(cls, data):
    try:
        return ("ok", cls.model_validate(data).model_dump(mode="json", warnings=False))
    except (pydantic.ValidationError, satya.ValidationError) as exc:
        return ("err", [(e["type"], e["loc"], e["msg"]) for e in errors_of(exc)])


@pytest.mark.parametrize("data", [
    {"id": 1, "name": "Ann"},
    {"id": "2", "name": "Bo", "email": "bo@example.com", "tags": ["a"], "address": {"city": "Oslo"}},
    {"id": 0, "name": "", "email": "nope", "tags": [1], "address": {}},
    {"id": 1, "name": "x" * 21, "extra": True},
    {},
    [],
])
def test_an_object_schema_validates_as_the_hand_written_pydantic_model(data):
    assert outcome(compile_json_schema(USER).model, data) == outcome(pydantic_user(), data)


def test_the_model_class_carries_the_schema_names_and_texts():
    model = JSONSchemaCompiler().to_model(USER)
    assert model.__name__ == "User" and model.__doc__ == "A registered user."
    assert list(model.model_fields) == ["id", "name", "email", "tags", "address"]
    assert [n for n, f in model.model_fields.items() if f.is_required()] == ["id", "name"]
    assert model.model_fields["name"].title == "Full name"
    assert model.model_fields["address"].annotation.__name__ == "UserAddress"
    assert model.model_config["extra"] == "forbid"
    assert model.__module__ == __name__
    assert issubclass(model, satya.Model)


def test_a_model_schema_of_satya_comes_back_as_the_same_schema():
    class Pet(satya.Model):
        kind: str
        age: int = satya.Field(default=1, ge=0)

    class Owner(satya.Model):
        pets: list[Pet]
        best: Pet | None = None

    schema = Owner.model_json_schema()
    assert JSONSchemaCompiler().to_model(schema).model_json_schema() == schema


def test_defaults_are_data_made_values_and_absent_properties_stay_absent():
    model = compile_json_schema({"type": "object", "properties": {
        "when": {"type": "string", "format": "date", "default": "2020-01-02"},
        "n": {"type": "integer"},
        "items": {"type": "array", "default": []},
    }}).model
    first, second = model.model_validate({}), model.model_validate({})
    assert str(first.when) == "2020-01-02" and type(first.when).__name__ == "date"
    assert first.n is None and first.model_fields_set == set()
    first.items.append(1)
    assert second.items == []
    with pytest.raises(satya.ValidationError, match="int_type"):
        model.model_validate({"n": None})  # absent is allowed, null is not


def test_a_default_that_does_not_validate_is_kept_as_given():
    """JSON Schema does not require a default to match its schema: an absent
    property takes it as written, while a given value is still checked."""
    model = compile_json_schema({"type": "object", "properties": {
        "a": {"type": "integer", "default": None},
        "b": {"type": "string", "format": "date", "default": "soon"},
    }}).model
    absent = model.model_validate({})
    assert (absent.a, absent.b) == (None, "soon")
    with pytest.raises(satya.ValidationError, match="int_type"):
        model.model_validate({"a": None})


def test_additional_properties_become_extra_settings():
    def extra(additional):
        schema = {"type": "object", "properties": {"a": {"type": "integer"}}}
        if additional is not None:
            schema["additionalProperties"] = additional
        return compile_json_schema(schema).model

    assert extra(None).model_validate({"a": 1, "b": 2}).model_dump() == {"a": 1}
    assert extra(True).model_validate({"a": 1, "b": 2}).model_dump() == {"a": 1, "b": 2}
    with pytest.raises(satya.ValidationError, match="extra_forbidden"):
        extra(False).model_validate({"a": 1, "b": 2})
    with pytest.raises(satya.SchemaError, match="#/additionalProperties: a schema for additional properties"):
        extra({"type": "string"})


def test_property_names_that_are_not_python_names_are_aliases():
    model = compile_json_schema({"type": "object", "required": ["first-name", "class"], "properties": {
        "first-name": {"type": "string"}, "class": {"type": "integer"}, "model_x": {}, "_hidden": {},
        "json": {}, "2nd": {}}}).model
    instance = model.model_validate({"first-name": "A", "class": "3", "model_x": 1, "_hidden": 2, "json": 3, "2nd": 4})
    assert instance.model_dump(by_alias=True) == {"first-name": "A", "class": 3, "model_x": 1, "_hidden": 2,
                                                  "json": 3, "2nd": 4}
    assert instance.first_name == "A" and instance.class_ == 3
    with pytest.raises(satya.ValidationError) as info:
        model.model_validate({"first-name": 1})
    assert [(e["type"], e["loc"]) for e in errors_of(info.value)] == [("string_type", ("first-name",)),
                                                                      ("missing", ("class",))]


def test_definitions_and_recursive_references():
    schema = {
        "$ref": "#/$defs/Node",
        "$defs": {"Node": {"type": "object", "required": ["value"], "properties": {
            "value": {"type": "integer"},
            "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}, "default": []},
            "parent": {"anyOf": [{"$ref": "#/$defs/Node"}, {"type": "null"}]}}}},
    }
    node = compile_json_schema(schema).model
    assert node.__name__ == "Node"
    tree = node.model_validate({"value": 1, "children": [{"value": "2", "children": [{"value": 3}]}]})
    assert tree.children[0].children[0].value == 3 and isinstance(tree.children[0], node)
    with pytest.raises(satya.ValidationError) as info:
        node.model_validate({"value": 1, "children": [{"value": 2, "children": [{"value": "x"}]}]})
    assert [e["loc"] for e in errors_of(info.value)] == [("children", 0, "children", 0, "value")]


def test_a_document_that_refers_to_itself_and_draft_7_definitions():
    linked = compile_json_schema({"type": "object", "title": "Link", "properties": {
        "next": {"$ref": "#"}, "size": {"$ref": "#/definitions/Size"}},
        "definitions": {"Size": {"type": "integer", "minimum": 0}}}).model
    chain = linked.model_validate({"next": {"next": {"size": 2}}})
    assert chain.next.next.size == 2 and chain.next.next.next is None
    with pytest.raises(satya.ValidationError, match="greater_than_equal"):
        linked.model_validate({"next": {"size": -1}})


def test_a_definition_is_one_class_however_its_reference_is_spelled():
    model = compile_json_schema({"type": "object", "properties": {
        "a": {"$ref": "#/$defs/The%20Point"}, "b": {"$ref": "#/$defs/The Point"},
        "c": {"type": "object", "nullable": True, "properties": {"x": {"type": "integer"}}}},
        "$defs": {"The Point": {"type": "object", "properties": {"x": {"type": "integer"}}}}}).model
    point = model.model_fields["a"].annotation
    assert point.__name__ == "ThePoint" and model.model_fields["b"].annotation is point
    instance = model.model_validate({"a": {"x": 1}, "b": {"x": "2"}, "c": None})
    assert instance.b.x == 2 and instance.c is None
    assert model.model_validate({"c": {"x": "3"}}).c.x == 3


def test_a_named_definition_of_values_becomes_an_enum():
    schema = {"type": "object", "properties": {"color": {"$ref": "#/$defs/Color"}},
              "$defs": {"Color": {"enum": ["red", "green"], "type": "string", "title": "Color"}}}
    model = compile_json_schema(schema).model
    color = model.model_validate({"color": "red"}).color
    assert type(color).__name__ == "Color" and color.value == "red" and color == "red"
    with pytest.raises(satya.ValidationError) as info:
        model.model_validate({"color": "blue"})
    assert errors_of(info.value)[0]["type"] == "enum"


def test_one_of_with_a_discriminator_is_a_tagged_union():
    schema = {"type": "object", "required": ["pet"], "properties": {"pet": {
        "oneOf": [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}],
        "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/$defs/Cat", "dog": "#/$defs/Dog"}}}},
        "$defs": {
            "Cat": {"type": "object", "required": ["kind"], "properties": {"kind": {"const": "cat"},
                                                                            "lives": {"type": "integer"}}},
            "Dog": {"type": "object", "required": ["kind"], "properties": {"kind": {"const": "dog"}}}}}
    model = compile_json_schema(schema).model
    assert type(model.model_validate({"pet": {"kind": "cat", "lives": 9}}).pet).__name__ == "Cat"
    for data, error in (({"pet": {"kind": "cow"}}, "union_tag_invalid"), ({"pet": {}}, "union_tag_not_found"),
                        ({"pet": {"kind": "cat", "lives": "x"}}, "int_parsing")):
        with pytest.raises(satya.ValidationError) as info:
            model.model_validate(data)
        assert [e["type"] for e in errors_of(info.value)] == [error]
    wrong = json.loads(json.dumps(schema).replace('"cat": "#/$defs/Cat"', '"cat": "#/$defs/Dog"'))
    with pytest.raises(satya.SchemaError, match=r"#/properties/pet/discriminator/mapping/cat: '#/\$defs/Dog'"):
        compile_json_schema(wrong)


def test_names_of_models_stay_distinct():
    schema = {"type": "object", "title": "Item", "properties": {
        "a": {"type": "object", "title": "Item", "properties": {}},
        "b": {"type": "object", "properties": {"x": {}}}}}
    model = JSONSchemaCompiler().to_model(schema, name="Root")
    assert model.__name__ == "Root"
    assert [model.model_fields[f].annotation.__name__ for f in "ab"] == ["Item", "RootB"]


@pytest.mark.parametrize("given", ["text", "bytes", "path", "dict"])
def test_a_schema_is_a_dict_json_text_or_a_path(given, tmp_path):
    schema = {"type": "array", "items": {"type": "integer"}, "maxItems": 2}
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema))
    source = {"text": json.dumps(schema), "bytes": json.dumps(schema).encode(), "path": path, "dict": schema}[given]
    compiled = compile_json_schema(source)
    assert compiled.validate_python(["1"]) == [1]
    assert compiled.validate_json(b"[1, 2]") == [1, 2]
    assert compiled.is_valid([1]) and not compiled.is_valid([1, 2, 3])
    assert compiled.model is None and compiled.schema is source


@pytest.mark.parametrize("source,message", [
    ("schema.json", r"the JSON Schema text is not valid JSON \(pass a path as pathlib.Path\)"),
    ("[1]", "must hold a JSON object or a boolean, not list"),
])
def test_a_schema_that_is_no_json_object_is_refused(source, message):
    with pytest.raises(satya.SchemaError, match=message):
        compile_json_schema(source)


def test_a_missing_file_and_a_wrong_kind_of_schema_are_refused(tmp_path):
    with pytest.raises(satya.SchemaError, match="cannot read the JSON Schema file"):
        compile_json_schema(tmp_path / "missing.json")
    for wrong in (3, ["type"]):
        with pytest.raises(TypeError, match="must be a dict, a JSON text"):
            compile_json_schema(wrong)
    with pytest.raises(TypeError, match="strict must be True or False"):
        JSONSchemaCompiler(strict="yes")


@pytest.mark.parametrize("schema,where,words", [
    ({"type": "object", "patternProperties": {"^a": {}}}, "#/patternProperties", "'patternProperties' is not"),
    ({"if": {}, "then": {}}, "#/if", "'if' is not supported"),
    ({"type": "object", "dependentSchemas": {}}, "#/dependentSchemas", "not supported"),
    ({"not": {"type": "string"}}, "#/not", "not supported"),
    ({"type": "array", "contains": {}}, "#/contains", "not supported"),
    ({"type": "object", "properties": {"a": {"type": "array", "items": {"unevaluatedItems": False}}}},
     "#/properties/a/items/unevaluatedItems", "not supported"),
    ({"$ref": "https://example.com/other.json"}, "#/$ref", "only references inside the document"),
    ({"$ref": "#/$defs/Missing"}, "#/$ref", "points to nothing"),
    ({"$ref": "#node", "$anchor": "node"}, "#/$ref", "references to anchors ('#node') are not supported"),
    ({"type": "strin"}, "#/type", "must be one of string"),
    ({"type": "string", "minLenght": 1}, "#/minLenght", "unknown keyword 'minLenght'"),
    ({"type": "string", "pattern": "(a"}, "#/pattern", "not a valid regular expression"),
    ({"type": "string", "minLength": -1}, "#/minLength", "non-negative integer"),
    ({"type": "number", "multipleOf": 0}, "#/multipleOf", "greater than 0"),
    ({"allOf": [{"type": "string"}, {"minLength": 1}]}, "#/allOf", "single schema"),
    ({"anyOf": [{"type": "string"}], "minLength": 2}, "#/minLength", "beside 'anyOf'"),
    ({"$ref": "#/$defs/A", "maxLength": 2, "$defs": {"A": {"type": "string"}}}, "#/maxLength", "beside '$ref'"),
    ({"type": "array", "prefixItems": [{}, {}]}, "#/prefixItems", "fixed-length tuples"),
    ({"enum": [[1]]}, "#/enum", "only strings, numbers"),
    ({"type": "string", "enum": [1]}, "#", "no value of enum has the schema's type"),
    ({"minLength": 1, "minItems": 1}, "#", "give a \"type\""),
    ({"$defs": {"T": {"type": "array", "items": {"$ref": "#/$defs/T"}}}, "$ref": "#/$defs/T"}, "#/$defs/T",
     "recursion through other schemas is not supported"),
    ({"type": "object", "$defs": {"Unused": {"type": "integer", "not": {}}}}, "#/$defs/Unused/not", "not supported"),
    ({"type": "object", "required": "a"}, "#/required", "array of distinct property names"),
    ({"type": "object", "properties": {"a": {}}, "maxProperties": 1}, "#/maxProperties", "without properties"),
    ({"type": "object", "properties": {"a": ["type"]}}, "#/properties/a", "must be an object or a boolean"),
])
def test_what_cannot_be_checked_is_refused_with_its_place(schema, where, words):
    with pytest.raises(satya.SchemaError) as info:
        compile_json_schema(schema)
    assert isinstance(info.value, ValueError)  # as satya 0.x raised for a bad schema
    message = str(info.value)
    assert message.startswith(f"JSON Schema at {where}:") and words in message, message


def test_the_old_validator_interface():
    results = compile_json_schema({"type": "string", "minLength": 3}).validate_batch(["hello", "hi", 5])
    assert [r.is_valid for r in results] == [True, False, False]
    assert results[0].value == "hello" and results[0].errors == []
    with pytest.raises(ValueError):
        results[1].value
    (error,) = results[1].errors
    assert isinstance(error, satya.ValidationError) and isinstance(results[1], satya._v0_errors.ValidationResult)
    assert "at least 3 characters" in error.message and error.value == "hi"
    (error,) = compile_json_schema(USER).validate({"id": 0, "name": "a"}).errors
    assert error.field == "id" and error.path == ["id"] and "greater than 0" in error.message


def test_the_compiler_counts_what_it_compiled():
    compiler = JSONSchemaCompiler()
    assert compiler.get_optimization_report() == {"total_schemas": 0, "rust_optimized": 0, "python_fallback": 0,
                                                  "optimization_percentage": 0.0}
    for schema in ({"type": "string"}, {"type": "integer"}, USER, {"type": "array", "uniqueItems": True}):
        assert isinstance(compiler.compile(schema), JSONSchemaValidator)
    # USER's email and the uniqueItems check run in Python: those two are the fallbacks
    assert compiler.get_optimization_report() == {"total_schemas": 4, "rust_optimized": 2, "python_fallback": 2,
                                                  "optimization_percentage": 50.0}
    assert compiler.to_type({"type": "integer"}) is int
    with pytest.raises(satya.SchemaError, match="to_model needs an object schema"):
        compiler.to_model({"type": "integer"})


def pydantic_order():
    from typing import Literal, Optional

    class Line(pydantic.BaseModel):
        sku: str = pydantic.Field(pattern="^[A-Z]{3}$")
        qty: int = pydantic.Field(gt=0, le=99)

    class Order(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(extra="forbid")
        lines: list[Line] = pydantic.Field(min_length=1)
        status: Literal["new", "paid"] = "new"
        note: Optional[str] = None
        size: tuple[int, int] = (1, 1)
        prices: dict[str, float] = {}

    return Order


@pytest.mark.parametrize("data", [
    {"lines": [{"sku": "ABC", "qty": 1}]},
    {"lines": [{"sku": "ABC", "qty": "2"}], "status": "paid", "note": None, "size": [2, "3"], "prices": {"a": "1.5"}},
    {"lines": [], "status": "old", "note": 1, "size": [1], "prices": {"a": "x"}, "other": 0},
    {"lines": [{"sku": "abc", "qty": 0}, {"qty": 100}]},
])
def test_a_pydantic_schema_compiles_to_a_model_that_validates_as_pydantic(data):
    order = pydantic_order()
    compiled = compile_json_schema(order.model_json_schema()).model
    assert outcome(compiled, data) == outcome(order, data)
