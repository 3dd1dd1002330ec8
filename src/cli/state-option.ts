/**
 * Where the state comes from on the command line: `--state [NAME=]FILE` (repeatable: one
 * per node) names a state dump — the outputs of VPP's `show` commands, each under its
 * `vpp# show …` line — or a capture file; and a trace argument that is a capture file
 * (its trace and its node's state together) brings its own state. The states make the
 * data plane the packets are walked through; a capture file's trace is read from its text
 * with the state's lines blanked.
 */
import type { DataPlane } from "../dataplanes/types.js";
import type { VppNode } from "../vpp/types.js";
import type { StateDiagnostic } from "../dataplanes/vpp-state/index.js";
import { UsageError, type CliIo } from "./io.js";
import { ioReason } from "../input/index.js";
import { SHOW_PROMPT } from "../dataplanes/vpp-state/prompt.js";

/** A state dump is small (a few hundred KB for a node with thousands of routes); a capture
 *  file holds a trace too. Larger files are read as traces only. */
const MAX_STATE_BYTES = 64_000_000;
const SNIFF = 65_536;

/** The `--state` option as every command that walks packets declares it. */
export const STATE_OPTION = {
  flags: "-s, --state <[name=]file>",
  description: "VPP's state dump (its show outputs, each under its `vpp# show …` line) or a capture file of the node the traces were captured on; repeat for several nodes",
  collect: (value: string, all: string[]): string[] => [...all, value],
};

export interface States {
  plane?: DataPlane;
  /** Capture files' traces, by file name, as the trace reader should see them. */
  texts: Map<string, string>;
}

const located = (file: string, d: StateDiagnostic): string => `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;

async function readWhole(file: string, io: CliIo): Promise<string> {
  const size = await io.sizeOf?.(file).catch(() => undefined);
  if (size !== undefined && size > MAX_STATE_BYTES) throw new UsageError(`${file}:1:1: error: a state dump of ${size} bytes is larger than ${MAX_STATE_BYTES}: is it a trace?`);
  try {
    return await io.readFile(file, MAX_STATE_BYTES);
  } catch (error) {
    throw new UsageError(`${file}:1:1: error: cannot read the state: ${ioReason(error)}`);
  }
}

/** Is this trace argument a capture file? A regular file whose first 64 KB hold a `show`
 *  prompt line. Standard input, a FIFO (`<(cat t.txt)`, size 0) and a file too large for a
 *  state are never opened here: reading them would take what the trace reader must read. */
async function isCapture(file: string, io: CliIo): Promise<boolean> {
  if (file === "-") return false;
  const size = await io.sizeOf?.(file).catch(() => undefined);
  if (size === undefined || size === 0 || size > MAX_STATE_BYTES) return false;
  const head = await io.readFile(file, SNIFF).catch(() => "");
  return SHOW_PROMPT.test(head);
}

export async function readStates(stateArgs: string[], traces: string[], io: CliIo, quiet = false): Promise<States> {
  const texts = new Map<string, string>();
  if (stateArgs.length === 0 && traces.length === 0) return { texts };
  const captures: string[] = [];
  for (const t of traces) if (await isCapture(t, io)) captures.push(t);
  if (stateArgs.length === 0 && captures.length === 0) return { texts };
  // The state's grammar and renderers load only when there is a state to read.
  const vs = await import("../dataplanes/vpp-state/index.js");
  const nodes: VppNode[] = [];
  const named = stateArgs.map((a) => {
    const m = /^([\w.-]+)=(.+)$/.exec(a);
    return m === null ? { file: a, name: vs.nodeNameOf(a) } : { file: m[2], name: m[1] };
  });
  for (const { file, name } of [...named, ...captures.map((file) => ({ file, name: vs.nodeNameOf(file) }))]) {
    const text = await readWhole(file, io);
    const capture = vs.readCaptureFile(file, text, name);
    if (capture.state.empty) throw new UsageError(`${file}:1:1: error: no state in it: expected the outputs of 'show interface', 'show interface address' and 'show ip fib', each under its 'vpp# show …' line`);
    for (const d of capture.state.diagnostics) if (!quiet && d.severity === "warning") io.stderr(`${located(file, d)}\n`);
    if (nodes.some((n) => n.name === name)) throw new UsageError(`${file}:1:1: error: two states are named '${name}': name them (--state NAME=FILE)`);
    nodes.push(capture.state.node);
    if (captures.includes(file) && capture.traceText !== undefined) texts.set(file, capture.traceText);
  }
  return { plane: new vs.StateDataPlane(nodes), texts };
}
