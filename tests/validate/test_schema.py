from __future__ import annotations

import json

import jsonschema

from plancc.resources import schema_path


def test_schema_is_draft7_with_chinese_help() -> None:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"

    def walk(node: object, path: str) -> None:
        if isinstance(node, dict):
            if "properties" in node:
                for key, sub in node["properties"].items():
                    if "$ref" not in sub or "description" in sub:
                        assert any("\u4e00" <= ch <= "\u9fff" for ch in sub.get("description", "")), f"{path}.{key}"
            for k, v in node.items():
                walk(v, f"{path}.{k}")

    walk(schema, "")
