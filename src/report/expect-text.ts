/** `expect --format text`: per Kubernetes node, the expected hops and their values; with
 *  `--explain`, under each hop the configuration that makes VPP do it. */
import Table from "cli-table3";
import { formatTtl, type ExpectedHop, type ExpectedPaths } from "../model/expectation.js";
import { ACL_ACTION_NAMES } from "../model/trace.js";
import { COMPACT } from "./parse-text.js";


function describeNat(e: NonNullable<ExpectedHop["expect"]["nat"]>): string {
  if (e.session === "none") return "session -1";
  if (e.identity) return "session ≥0 (identity mapping: unchanged)";
  if (e.translate === undefined) return "session ≥0";
  const to = e.translate.allowed === undefined ? e.translate.to : `${e.translate.to} (any of ${e.translate.allowed.join(", ")})`;
  return `session ≥0: ${e.translate.field} ${e.translate.from} → ${to}`;
}

export function describeHop(h: ExpectedHop, entered?: number): string {
  const e = h.expect;
  const parts: string[] = [];
  if (e.aclActions !== undefined) parts.push(`action ${e.aclActions.map((a) => `${a} (${ACL_ACTION_NAMES[a]})`).join(" or ")}`);
  if (e.nat !== undefined) parts.push(describeNat(e.nat));
  if (e.ttl !== undefined) parts.push(`${e.outer ? "outer " : ""}ttl ${formatTtl(e.ttl, entered)}`);
  if (e.egress !== undefined) parts.push(`out ${e.egress}${e.egressSwIfIndex === undefined ? "" : ` (sw_if_index ${e.egressSwIfIndex})`}`);
  if (e.via !== undefined) parts.push(`via ${e.via}`);
  if (e.vni !== undefined) parts.push(`vni ${e.vni}`);
  if (e.tunnel !== undefined) parts.push(`outer ${e.tunnel.src} → ${e.tunnel.dst}:${e.tunnel.port}`);
  if (e.drop !== undefined) parts.push("dropped");
  return parts.join(", ");
}

function legend(e: ExpectedPaths): string[] {
  const bases = new Set(e.paths.flatMap((p) => p.hops.map((h) => h.expect.ttl?.basis)));
  const lines: string[] = [];
  if (bases.has("entered") && e.ttl === undefined) lines.push("T: the TTL the packet entered with (--ttl gives it)");
  if (bases.has("arrived")) lines.push("A: the VXLAN outer TTL as it arrived (253 over a direct link; routers between the nodes lower it)");
  return lines;
}

function hopTable(hops: ExpectedHop[], entered?: number): string {
  const table = new Table({ head: ["#", "graph node", "where", "expected"], style: { head: [], border: [] }, chars: COMPACT });
  hops.forEach((h, i) => table.push([i + 1, h.optional ? `(${h.node})` : h.node, h.at, describeHop(h, entered)]));
  return table.toString();
}

/** Each hop on a line, what it expects, and under it the configuration behind it — the
 *  way ovn-trace prints each step with the logical flow that made it. */
function explainedHops(hops: ExpectedHop[], entered?: number): string {
  const nodeWidth = Math.max(...hops.map((h) => h.node.length + (h.optional ? 2 : 0)));
  const atWidth = Math.max(...hops.map((h) => h.at.length));
  return hops
    .flatMap((h, i) => {
      const name = (h.optional ? `(${h.node})` : h.node).padEnd(nodeWidth);
      const expected = describeHop(h, entered);
      return [`${String(i + 1).padStart(3)}  ${name}  ${h.at.padEnd(atWidth)}  ${expected}`.trimEnd(), ...h.why.map((w) => `       ${w}`)];
    })
    .join("\n");
}

const HISTORY_WORDS: Record<ExpectedPaths["phase"], string> = {
  open: "it is the connection's first packet",
  reply: "it is the connection's first reply",
  retransmitted: "it is sent again",
  established: "the connection is established",
  unknown: "its history is otherwise",
};

function pushPaths(out: string[], paths: ExpectedPaths["paths"], ttl: number | undefined, explain: boolean | undefined): void {
  for (const p of paths) {
    out.push("", `${p.k8sNode} (${p.role})`, explain ? explainedHops(p.hops, ttl) : hopTable(p.hops, ttl));
    if (p.openEnd) out.push("… then VPP's own stack handles it: what follows is not expected here.");
  }
}

export function renderExpectText(e: ExpectedPaths, options: { explain?: boolean } = {}): string {
  const flow = `${e.flow.proto} ${e.flow.src.ip}:${e.flow.src.port} -> ${e.flow.dst.ip}:${e.flow.dst.port}`;
  const via = e.endpoint.ip === e.flow.dst.ip && e.endpoint.port === e.flow.dst.port ? "" : ` (endpoint ${e.endpoint.ip}:${e.endpoint.port})`;
  const phase = e.phase === "open" || e.phase === "reply" ? "" : ` (${e.phase === "established" ? "established connection" : "history unknown"})`;
  const out = [`${e.scenario} ${e.direction}${phase}: ${flow}${via}`, `the packet ${e.outcome}`, ...legend(e)];
  pushPaths(out, e.paths, e.ttl, options.explain);
  // Other histories of the packet walk another way: shown apart, never merged.
  for (const a of e.alternatives ?? []) {
    out.push("", `or, if ${HISTORY_WORDS[a.phase]}, the packet ${a.outcome}:`);
    pushPaths(out, a.paths, e.ttl, options.explain);
  }
  out.push("", "(node) in parentheses: optional, may be absent from a trace.");
  return `${out.join("\n")}\n`;
}
