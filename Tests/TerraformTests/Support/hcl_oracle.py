"""An independent reading of an HCL file for the tests: python-hcl2 parses it, and this prints
the same normalised shape the Swift test builds from visitorsim's parser.

Shape: {"attributes": {name: value}, "blocks": [[type, [labels], body], ...]} with blocks
sorted; a value is a string, number, boolean, null, list or object when it is a literal, and
"EXPR" for anything computed (interpolations, references, calls, heredocs).
"""
import json
import sys

import hcl2


def unquote(s):
    if isinstance(s, str) and len(s) >= 2 and s[0] == '"' and s[-1] == '"':
        return s[1:-1]
    return s


def value(v):
    if isinstance(v, bool) or v is None or isinstance(v, (int, float)):
        return v
    if isinstance(v, str):
        if v.startswith("<<") or "${" in v or "%{" in v or "\n" in v:
            return "EXPR"
        if len(v) >= 2 and v[0] == '"' and v[-1] == '"':
            inner = v[1:-1]
            # Escapes as the file wrote them: the Swift side reads them, so compare those read.
            return json.loads('"' + inner.replace('\\"', '"').replace('"', '\\"') + '"') if "\\" in inner else inner
        if v in ("true", "false"):
            return v == "true"
        if v == "null":
            return None
        return "EXPR"
    if isinstance(v, list):
        return [value(x) for x in v]
    if isinstance(v, dict):
        return {unquote(k): value(x) for k, x in v.items() if not k.startswith("__")}
    return "EXPR"


def unwrap(d, labels):
    if "__is_block__" in d:
        return labels, d
    (k, v), = d.items()
    return unwrap(v, labels + [unquote(k)])


def is_block_list(v):
    if not isinstance(v, list) or not v:
        return False
    for item in v:
        probe = item
        while isinstance(probe, dict) and "__is_block__" not in probe and len(probe) == 1:
            probe = next(iter(probe.values()))
        if not (isinstance(probe, dict) and "__is_block__" in probe):
            return False
    return True


def body(d):
    attributes, blocks = {}, []
    for k, v in d.items():
        if k.startswith("__"):  # __is_block__, __comments__: the parser's own marks
            continue
        if is_block_list(v):
            for item in v:
                labels, inner = unwrap(item, [])
                blocks.append([k, labels, body(inner)])
        else:
            attributes[k] = value(v)
    blocks.sort(key=lambda b: json.dumps(b, sort_keys=True))
    return {"attributes": attributes, "blocks": blocks}


with open(sys.argv[1]) as f:
    print(json.dumps(body(hcl2.load(f)), sort_keys=True))
