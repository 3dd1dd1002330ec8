/** JSON Schema of `vpptrace expect --format json`. */

const endpoint = { type: "object", required: ["ip", "port"], properties: { ip: { type: "string" }, port: { type: "integer" } } } as const;

export const expectSchema = {
  $id: "https://vpptrace.dev/schemas/expect.json",
  type: "object",
  required: ["scenario", "direction", "flow", "endpoint", "paths"],
  properties: {
    scenario: {
      enum: ["pod-to-pod-same-node", "pod-to-pod-other-node", "pod-to-host", "host-to-pod", "pod-to-internet", "pod-to-service-same-node", "pod-to-service-other-node", "pod-to-service-host", "host-to-service"],
    },
    direction: { enum: ["request", "response"] },
    flow: { type: "object", required: ["proto", "src", "dst"], properties: { proto: { enum: ["TCP", "UDP"] }, src: endpoint, dst: endpoint } },
    endpoint,
    paths: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["k8sNode", "role", "hops"],
        properties: {
          k8sNode: { type: "string" },
          role: { enum: ["client-node", "server-node", "node"] },
          hops: {
            type: "array",
            minItems: 1,
            items: {
              type: "object",
              required: ["node", "pattern", "optional", "at", "expect"],
              properties: {
                node: { type: "string" },
                pattern: { type: "string" },
                optional: { type: "boolean" },
                at: { type: "string" },
                expect: {
                  type: "object",
                  additionalProperties: false,
                  properties: {
                    aclAction: { type: "integer", minimum: 0, maximum: 3 },
                    nat: {
                      type: "object",
                      required: ["stage", "session"],
                      properties: { stage: { type: "string" }, session: { enum: ["session", "none"] }, translate: { type: "object", required: ["field", "from", "to"] } },
                    },
                    ttl: { type: "integer", minimum: 0, maximum: 255 },
                    outer: { type: "boolean" },
                    egress: { type: "string" },
                    egressSwIfIndex: { type: "integer" },
                    aclSwIfIndex: { type: "integer" },
                    vni: { type: "integer" },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;
