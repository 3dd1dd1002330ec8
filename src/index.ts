/**
 * vpptrace as a library: parse `show trace` text into typed packets and check them.
 * The CLI is a thin shell over these functions.
 */
export { parseTrace, TraceReader, type ParseOptions, type StreamOptions } from "./trace/index.js";
export { parseTraceSyntax } from "../grammar/index.js";
export { diskInputs, readPackets, streamPackets, UsageError, type InputIo, type ReadOptions } from "./input/index.js";
export { schemas, validateAgainst } from "./schemas/index.js";
export { allRules, Checker, checkPackets, invariantRules, selectRules, type CheckOptions } from "./rules/index.js";
export { defaultCluster, loadCluster, ClusterError, ContivDataPlane } from "./dataplanes/contiv/index.js";
export type { DataPlane, ConnectionEnds } from "./dataplanes/types.js";
export { expectPaths, expectConnection, parseFlow, PlacementError } from "./forwarder/index.js";
export { Matcher, describeMatch, type PacketMatch } from "./match/index.js";
export type * from "./vpp/types.js";
export { diffTraces, DEFAULT_MASK, TraceDiffer, type DiffOptions } from "./diff/index.js";
export type * from "./model/diff.js";
export type * from "./dataplanes/contiv/cluster.js";
export type * from "./model/expectation.js";
export { SCENARIOS } from "./model/expectation.js";
export type * from "./model/findings.js";
export type * from "./model/trace.js";
export { compileFilter, FilterError, type PacketFilter } from "./filter/index.js";
export { HandoffJoiner } from "./trace/handoff.js";
export { PathSummary } from "./paths/index.js";
export type * from "./model/paths.js";
export { PcapBuilder } from "./pcap/index.js";
