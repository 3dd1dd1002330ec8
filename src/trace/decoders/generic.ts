/** Fallback for nodes no family claims: raw lines kept, every line through the generic
 *  `key value` decoder. Unknown nodes are never an error. */
import type { NodeDecoder } from "./types.js";

export const genericDecoder: NodeDecoder = { family: "unknown", kind: "unknown", pattern: /^/, rules: [] };
