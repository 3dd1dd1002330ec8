/**
 * vpptrace as a library: parse `show trace` text into typed packets and check them.
 * The CLI is a thin shell over these functions.
 */
export { parseTrace, type ParseOptions } from "./trace/index.js";
export { parseTraceSyntax } from "../grammar/index.js";
export { schemas, validateAgainst } from "./schemas/index.js";
export { checkPackets, invariantRules, selectRules, type CheckOptions } from "./rules/index.js";
export type * from "./model/findings.js";
export type * from "./model/trace.js";
