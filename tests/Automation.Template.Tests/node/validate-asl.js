#!/usr/bin/env node
// Validates Amazon States Language definitions with asl-validator (JSON schema, JSONPath syntax,
// transition targets, terminal states, Resource ARNs).
// stdin:  {"<name>": <definition object>, ...}
// stdout: {"<name>": {"valid": true|false, "errors": ["<code>: <message> at <path>", ...]}, ...}
"use strict";

const aslValidator = require("asl-validator");

function describe(error) {
  const code = error["Error code"] ?? "error";
  const where = error.path ?? error.instancePath ?? "";
  return `${code}: ${error.Message ?? error.message ?? JSON.stringify(error)}${where ? ` at ${where}` : ""}`;
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const definitions = JSON.parse(input);
  const results = {};
  for (const [name, definition] of Object.entries(definitions)) {
    // The validator annotates the object it is given; keep the caller's copy intact.
    const { isValid, errors } = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true });
    results[name] = { valid: isValid, errors: errors.map(describe) };
  }
  process.stdout.write(JSON.stringify(results));
});
