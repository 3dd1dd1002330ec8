/**
 * Drop nodes. Up to 19.01 `error-drop` names the counting node and reason itself
 * (`acl-plugin-out-ip4-fa: ACL deny packets`); later releases print `rx:<if>` there and the
 * reason in a separate `drop` record.
 */
import type { NodeDecoder } from "./types.js";

export const dropDecoder: NodeDecoder = {
  family: "drop",
  kind: "drop",
  names: ["error-drop", "drop", "error-punt", "punt"],
  rules: [
    {
      name: "rx",
      fills: "drop",
      pattern: /^rx:(\S+)$/,
      apply(m, { fields }) {
        (fields.drop ??= {}).rxInterface = m[1];
      },
    },
    {
      name: "reason",
      fills: "drop",
      pattern: /^(\S+): ([^\n]+)$/,
      apply(m, { fields }) {
        Object.assign((fields.drop ??= {}), { node: m[1], reason: m[2] });
      },
    },
  ],
};
