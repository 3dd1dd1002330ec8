/** Trace text → typed packets and records, whole or streamed. */
export { type ParseOptions } from "./assemble.js";
export { parseTrace, TraceReader, lastPacketStart, type StreamOptions } from "./stream.js";
export { decoderFor, decoders, DEVICE_INPUT_NODES } from "./decoders/index.js";
