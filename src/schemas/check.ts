/** JSON Schema of `vpptrace check --format json`. */

const str = { type: "string" } as const;
const integer = { type: "integer" } as const;

export const packetRef = {
  type: "object",
  required: ["index", "label", "file", "line", "thread", "number"],
  properties: { index: { type: "integer", minimum: 1 }, label: str, file: str, line: integer, thread: { type: ["integer", "null"] }, number: { type: ["integer", "null"] } },
} as const;

const finding = {
  type: "object",
  required: ["rule", "severity", "packet", "node", "file", "line", "expected", "actual", "message"],
  properties: {
    rule: { type: "string", pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$" },
    severity: { enum: ["error", "warning", "info"] },
    packet: packetRef,
    node: str,
    file: str,
    line: { type: "integer", minimum: 1 },
    at: { type: "object", required: ["line", "column"], properties: { line: { type: "integer", minimum: 1 }, column: { type: "integer", minimum: 1 } }, additionalProperties: false },
    expected: str,
    actual: str,
    message: str,
  },
  additionalProperties: false,
} as const;

export const checkSchema = {
  $id: "https://vpptrace.dev/schemas/check.json",
  type: "object",
  required: ["rules", "packets", "findings", "flows", "summary", "diagnostics"],
  properties: {
    rules: { type: "array", items: str },
    expectationRules: { type: "array", items: str },
    packets: {
      type: "array",
      items: {
        type: "object",
        required: ["packet", "verdict", "findings"],
        additionalProperties: false,
        properties: {
          packet: packetRef,
          verdict: { enum: ["conforms", "violates", "unchecked", "incomplete"] },
          reason: str,
          scenario: str,
          placement: {
            type: "object",
            additionalProperties: false,
            required: ["scenario", "direction", "phase", "k8sNode", "role"],
            properties: {
              scenario: str,
              direction: { enum: ["request", "response"] },
              phase: { enum: ["open", "reply", "retransmitted", "established", "unknown"] },
              k8sNode: str,
              role: { enum: ["client-node", "server-node", "node"] },
            },
          },
          findings: { type: "array", items: finding },
        },
      },
    },
    findings: { type: "array", items: finding },
    flows: {
      type: "array",
      items: {
        type: "object",
        required: ["scenario", "direction", "sent", "received", "key"],
        properties: { scenario: str, direction: { enum: ["request", "response"] }, sent: integer, received: integer, key: str, ttlSent: integer, ttlReceived: integer },
      },
    },
    summary: {
      type: "object",
      required: ["packets", "conforming", "violating", "unchecked", "incomplete", "errors", "warnings"],
      properties: { packets: integer, conforming: integer, violating: integer, unchecked: integer, incomplete: integer, errors: integer, warnings: integer },
    },
    diagnostics: { type: "array" },
  },
} as const;
