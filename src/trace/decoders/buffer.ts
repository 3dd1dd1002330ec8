/**
 * The vlib buffer line printed by device input and tx nodes (dpdk-input, pg-input, *-tx):
 * `buffer 0x1b3cf: current data -50, length 124, free-list 0, clone-count 0, totlen-nifb 0, trace 0x18`
 * (≤19.01) or `…, buffer-pool 0, ref-count 1, … trace handle 0x0` (≥19.04), followed by a line
 * of buffer flag names such as `nated l2-hdr-offset 0 l3-hdr-offset 14`.
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
  { lead: "buffer 0x|current data " },
);

export const bufferRules: LineRule[] = [
  shaped(BUFFER, {
    name: "buffer",
    fills: "buffer",
    apply(m, { fields }) {
      const buffer: BufferFields = { flags: [], currentData: num(m[2]), length: num(m[3]) };
      if (m[1] !== undefined) buffer.index = hexNum(m[1]);
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
    pattern: /^((?:[a-z][a-z0-9-]*(?: \d+)?)(?: [a-z][a-z0-9-]*(?: \d+)?)*)$/,
    apply(m, { fields }) {
      const buffer = fields.buffer!;
      for (const [, name, value] of m[1].matchAll(/([a-z][a-z0-9-]*)(?: (\d+))?/g)) {
        if (name === "l2-hdr-offset") buffer.l2HdrOffset = Number(value);
        else if (name === "l3-hdr-offset") buffer.l3HdrOffset = Number(value);
        else buffer.flags.push(value === undefined ? name : `${name} ${value}`);
      }
    },
  },
];
