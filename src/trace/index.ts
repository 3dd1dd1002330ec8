/** Trace text → typed packets and records. */
export { parseTrace, type ParseOptions } from "./assemble.js";
export { decoderFor, decoders, DEVICE_INPUT_NODES } from "./decoders/index.js";
