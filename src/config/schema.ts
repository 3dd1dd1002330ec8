/** JSON Schema of `vpptrace.config.yaml` (or `.yml`, `.json`): what a project sets once
 *  instead of on every command line. Rule ids are checked against the rule table on load. */

const ruleLevel = { enum: ["off", "warn", "error"], description: "off, warn or error" } as const;
const verdict = { enum: ["violates", "unchecked", "incomplete", "none"] } as const;
const fieldList = { type: "array", items: { type: "string", minLength: 1 } } as const;

export const configSchema = {
  $id: "https://vpptrace.dev/schemas/config.json",
  title: "vpptrace configuration",
  type: "object",
  additionalProperties: false,
  properties: {
    cluster: { type: "string", minLength: 1, description: "the cluster description, relative to this file" },
    rules: { type: "object", additionalProperties: ruleLevel, description: "rule id → off, warn or error" },
    failOn: { oneOf: [verdict, { type: "array", items: verdict, minItems: 1 }], description: "verdicts that fail `check`" },
    oneCapture: { type: "boolean", description: "the trace files are one capture for connection state (ACL and NAT sessions), not one capture each" },
    diff: {
      type: "object",
      additionalProperties: false,
      properties: { strict: { type: "boolean" }, ignore: fieldList, only: fieldList },
    },
  },
} as const;
