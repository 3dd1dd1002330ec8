/** JSON Schema of `vpptrace diff --format json`. */

const ref = { type: "object", required: ["index", "label", "file", "line"], properties: { index: { type: "integer" }, label: { type: "string" }, file: { type: "string" }, line: { type: "integer" } } } as const;
const recordRef = { type: "object", required: ["node", "file", "line"], properties: { node: { type: "string" }, file: { type: "string" }, line: { type: "integer" } } } as const;

export const diffSchema = {
  $id: "https://vpptrace.dev/schemas/diff.json",
  type: "object",
  required: ["packets", "masked", "summary"],
  properties: {
    packets: {
      type: "array",
      items: {
        type: "object",
        required: ["status", "flow", "direction", "crossFlow", "nodes"],
        properties: {
          status: { enum: ["identical", "equivalent", "different", "only-a", "only-b"] },
          flow: { type: "string" },
          direction: { enum: ["request", "response", "-"] },
          a: ref,
          b: ref,
          crossFlow: { type: "boolean" },
          firstDivergence: { type: "string" },
          nodes: {
            type: "array",
            items: {
              type: "object",
              required: ["kind", "changes"],
              properties: {
                kind: { enum: ["same", "changed", "only-a", "only-b"] },
                a: recordRef,
                b: recordRef,
                changes: { type: "array", items: { type: "object", required: ["field", "a", "b"], properties: { field: { type: "string" }, a: { type: "string" }, b: { type: "string" } } } },
              },
            },
          },
        },
      },
    },
    masked: { type: "array", items: { type: "string" } },
    summary: { type: "object", required: ["pairs", "identical", "equivalent", "different", "onlyA", "onlyB"] },
  },
} as const;
