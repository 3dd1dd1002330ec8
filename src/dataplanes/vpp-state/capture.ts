/**
 * Capture files: one node's `show trace` with its state dump in the same file, the `show`
 * outputs before or after the trace, each under its `vpp# show …` line — what a terminal
 * log, a collection script or `vpptrace capture` writes. The state is rendered; the trace
 * is handed on as the file's text with every other line blanked, so the trace parser's
 * line numbers stay the file's.
 */
import { renderNode, type NodeState } from "./render.js";


export interface CaptureFile {
  state: NodeState;
  /** The trace's lines at their places, every other line empty; undefined without a trace. */
  traceText?: string;
}

/** The node's name for a file: `NAME=` given by the user, else the file's base name. */
export function nodeNameOf(file: string): string {
  return file.replace(/^.*[\\/]/, "").replace(/\.(?:txt|log|out)$/, "");
}

export function readCaptureFile(file: string, text: string, name = nodeNameOf(file)): CaptureFile {
  const state = renderNode(name, file, text);
  const body = state.trace ?? (state.empty ? undefined : state.preamble.some((l) => /^Packet \d+/.test(l.text.trim())) ? state.preamble : undefined);
  if (body === undefined) return { state };
  const lines = text.split("\n").map(() => "");
  for (const l of body) lines[l.line - 1] = l.text;
  return { state, traceText: lines.join("\n") };
}
