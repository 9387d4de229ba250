#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks every line of a tracetop --json output file against the JSON
Schema in doc/tracetop.schema.json (draft 2020-12). Prints the first
problems with their line numbers and exits 1 when there is one.

    json-check.py SCHEMA FILE
"""
import json
import sys

import jsonschema


def main():
    schema_path, out_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    bad = lines = 0
    # the bytes as written: JSON text is UTF-8 and holds no raw invalid byte
    with open(out_path, encoding="utf-8", errors="strict") as f:
        for lineno, line in enumerate(f, 1):
            lines += 1
            try:
                record = json.loads(line)
            except ValueError as e:
                print(f"{out_path}:{lineno}: not JSON: {e}")
                bad += 1
                continue
            for err in validator.iter_errors(record):
                where = "/".join(str(p) for p in err.absolute_path) or "(top)"
                print(f"{out_path}:{lineno}: {where}: {err.message[:300]}")
                bad += 1
                break
            if bad >= 10:
                break
    if not lines:
        print(f"{out_path}: empty")
        return 1
    print(f"{out_path}: {lines} lines, {bad} not valid")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
