/** JSON Schema of `vpptrace paths --format json`. */
import { packetRef } from "./check.js";

export const pathsSchema = {
  $id: "https://vpptrace.dev/schemas/paths.json",
  type: "object",
  additionalProperties: false,
  required: ["packets", "paths"],
  properties: {
    packets: { type: "integer", minimum: 0 },
    paths: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["nodes", "count", "threads", "first"],
        properties: {
          nodes: { type: "array", items: { type: "string" } },
          count: { type: "integer", minimum: 1 },
          threads: { type: "array", items: { type: "integer", minimum: 0 } },
          first: packetRef,
          verdict: { enum: ["conforms", "violates", "unchecked", "incomplete"] },
          verdicts: {
            type: "object",
            additionalProperties: false,
            properties: { conforms: { type: "integer", minimum: 1 }, violates: { type: "integer", minimum: 1 }, unchecked: { type: "integer", minimum: 1 }, incomplete: { type: "integer", minimum: 1 } },
          },
          scenario: { type: "string" },
        },
      },
    },
  },
} as const;
