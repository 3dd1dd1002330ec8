/** JSON Schema of `vpptrace expect --format json`: the walk of a packet through each node. */

const endpoint = { type: "object", additionalProperties: false, required: ["ip", "port"], properties: { ip: { type: "string" }, port: { type: "integer", minimum: 0, maximum: 65535 } } } as const;
const ttl = {
  type: "object",
  additionalProperties: false,
  required: ["basis", "value"],
  description: "entered: relative to the TTL the packet entered with; arrived: relative to the outer TTL as it arrived; set: the value VPP writes",
  properties: { basis: { enum: ["entered", "arrived", "set"] }, value: { type: "integer" } },
} as const;

const mac = { type: "object", additionalProperties: false, required: ["mac", "why"], properties: { mac: { type: "string" }, why: { type: "string", description: "the configuration item that gives it" } } } as const;

const hopExpectation = {
  type: "object",
  additionalProperties: false,
  properties: {
    aclActions: { type: "array", minItems: 1, items: { type: "integer", minimum: 0, maximum: 3 } },
    nat: {
      type: "object",
      additionalProperties: false,
      required: ["stage", "session"],
      properties: {
        stage: { type: "string" },
        session: { enum: ["session", "none"] },
        identity: { type: "boolean" },
        translate: {
          type: "object",
          additionalProperties: false,
          required: ["field", "from", "to"],
          properties: { field: { enum: ["src", "dst"] }, from: { type: "string" }, to: { type: "string" }, allowed: { type: "array", items: { type: "string" } } },
        },
      },
    },
    ttl,
    outer: { type: "boolean" },
    egress: { type: "string" },
    egressSwIfIndex: { type: "integer" },
    aclSwIfIndex: { type: "integer" },
    aclRule: { type: "object", additionalProperties: false, required: ["acl", "rule"], properties: { acl: { type: "integer" }, rule: { type: "integer" } } },
    input: {
      type: "object",
      additionalProperties: false,
      required: ["at", "others"],
      description: "the interface the packet entered by: what the input side's records should name",
      properties: {
        at: { type: "string" },
        swIfIndex: { type: "integer" },
        others: { type: "array", items: { type: "object", additionalProperties: false, required: ["swIfIndex", "at"], properties: { swIfIndex: { type: "integer" }, at: { type: "string" } } } },
      },
    },
    via: { type: "string" },
    macs: { type: "object", additionalProperties: false, description: "the Ethernet addresses the rewrite writes, as far as the configuration gives them", properties: { dst: mac, src: mac } },
    vni: { type: "integer" },
    tunnel: { type: "object", additionalProperties: false, required: ["src", "dst", "port"], properties: { src: { type: "string" }, dst: { type: "string" }, port: { type: "integer" } } },
    drop: { type: "string" },
  },
} as const;

const phase = { enum: ["open", "reply", "retransmitted", "established", "unknown"] } as const;

const paths = {
  type: "array",
  minItems: 1,
  items: {
    type: "object",
    additionalProperties: false,
    required: ["k8sNode", "role", "hops"],
    properties: {
      k8sNode: { type: "string" },
      role: { enum: ["client-node", "server-node", "node"] },
      openEnd: { type: "boolean" },
      hops: {
        type: "array",
        minItems: 1,
        items: {
          type: "object",
          additionalProperties: false,
          required: ["node", "pattern", "optional", "at", "expect", "why"],
          properties: {
            node: { type: "string" },
            pattern: { type: "string" },
            optional: { type: "boolean" },
            at: { type: "string" },
            expect: hopExpectation,
            why: { type: "array", items: { type: "string" } },
          },
        },
      },
    },
  },
} as const;

export const expectSchema = {
  $id: "https://vpptrace.dev/schemas/expect.json",
  type: "object",
  additionalProperties: false,
  required: ["scenario", "direction", "phase", "flow", "endpoint", "paths", "outcome"],
  properties: {
    scenario: { type: "string", description: "the connection's label: a scenario of the packet-flow guide, or one of its form" },
    direction: { enum: ["request", "response"] },
    phase,
    flow: { type: "object", additionalProperties: false, required: ["proto", "src", "dst"], properties: { proto: { enum: ["TCP", "UDP"] }, src: endpoint, dst: endpoint } },
    endpoint,
    ttl: { type: "integer", minimum: 0, maximum: 255 },
    outcome: { type: "string" },
    paths,
    alternatives: {
      type: "array",
      description: "when the packet's possible histories give walks of other shapes: those walks, kept apart",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["histories", "phase", "paths", "outcome"],
        properties: { histories: { type: "array", items: { enum: [0, 1, 2] } }, phase, paths, outcome: { type: "string" } },
      },
    },
  },
} as const;
