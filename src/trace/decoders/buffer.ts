/**
 * The vlib buffer lines printed by device input and tx nodes (dpdk-input, pg-input, *-tx):
 * `buffer 0x1b3cf: current data -50, length 124, free-list 0, clone-count 0, totlen-nifb 0, trace 0x18`
 * (≤19.01) or `…, buffer-pool 0, ref-count 1, … trace handle 0x0` (≥19.04), followed by a line
 * of buffer flag names such as `nated l2-hdr-offset 0 l3-hdr-offset 14`. From 23.x the
 * af_packet tx node prints `buffer 0xfa613:` on a line of its own and the rest under it
 * (src/plugins/af_packet/device.c format_af_packet_tx_trace). The flags line is vnet's
 * format_vnet_buffer_internal: `name ` per flag, then `l2-hdr-offset N `… , `qos B.S `,
 * `gso l4-hdr-len N gso-size N`; with offload flags it holds two blanks in a row.
 */
import type { BufferFields } from "../../model/trace.js";
import { LineShape } from "../../../grammar/line-shape.js";
import { HEX32, I32, U32 } from "../../../grammar/line-shapes.js";
import { hexNum, num, shaped, type LineRule } from "./types.js";

const BUFFER = new LineShape(
  "vlib buffer line",
  [
    [`(?:buffer 0x${HEX32}: )?`, "'buffer 0x…: '"],
    `current data ${I32}, `,
    `length ${U32}, `,
    [`(free-list|buffer-pool) ${U32}`, "'buffer-pool N'"],
    [`(?:, (clone-count|ref-count) ${U32})?`, "', ref-count N'"],
    `(?:, totlen-nifb ${U32})?`,
    [`(?:, trace(?: handle)? 0x${HEX32})?`, "', trace handle 0x…'"],
  ],
  { lead: "buffer 0x[0-9a-f]+: \\S|current data " },
);
/** `buffer 0xfa613:` alone: the buffer's lines follow, indented under it. */
const BUFFER_INDEX = new LineShape("vlib buffer line", ["buffer ", [`0x${HEX32}:`, "'0x…:'"]], { lead: "buffer 0x[0-9a-f]*:?$" });

/** A flag name, or one of the names VPP prints with a number after it. */
const FLAG_WORD = /([a-z][a-z0-9-]*)(?: (\d+(?:\.\d+)?))?/g;

export const bufferRules: LineRule[] = [
  shaped(BUFFER_INDEX, {
    name: "buffer-index",
    fills: "buffer",
    apply(m, { fields }) {
      fields.buffer = { flags: [], index: hexNum(m[1]) };
    },
  }),
  shaped(BUFFER, {
    name: "buffer",
    fills: "buffer",
    apply(m, { fields, previous }) {
      const buffer: BufferFields = { flags: [], currentData: num(m[2]), length: num(m[3]) };
      const index = m[1] !== undefined ? hexNum(m[1]) : previous === "buffer-index" ? fields.buffer?.index : undefined;
      if (index !== undefined) buffer.index = index;
      if (m[4] === "free-list") buffer.freeList = num(m[5]);
      else buffer.bufferPool = num(m[5]);
      if (m[6] === "clone-count") buffer.cloneCount = num(m[7]);
      else if (m[6] === "ref-count") buffer.refCount = num(m[7]);
      if (m[8] !== undefined) buffer.totlenNifb = num(m[8]);
      if (m[9] !== undefined) buffer.trace = hexNum(m[9]);
      fields.buffer = buffer;
    },
  }),
  {
    name: "buffer-flags",
    fills: "buffer",
    after: "buffer",
    pattern: /^((?:[a-z][a-z0-9-]*(?: \d+(?:\.\d+)?)?)(?: +[a-z][a-z0-9-]*(?: \d+(?:\.\d+)?)?)*)$/,
    apply(m, { fields }) {
      const buffer = fields.buffer!;
      for (const [, name, value] of m[1].matchAll(FLAG_WORD)) {
        if (name === "l2-hdr-offset") buffer.l2HdrOffset = Number(value);
        else if (name === "l3-hdr-offset") buffer.l3HdrOffset = Number(value);
        else if (name === "l4-hdr-offset") buffer.l4HdrOffset = Number(value);
        else buffer.flags.push(value === undefined ? name : `${name} ${value}`);
      }
    },
  },
];
