/** `expect --format text`: per Kubernetes node, the expected hops and their values. */
import Table from "cli-table3";
import type { ExpectedHop, ExpectedPaths } from "../model/expectation.js";
import { COMPACT } from "./parse-text.js";

const ACTIONS = ["deny", "permit", "permit+reflect", "session hit"];

export function describeHop(h: ExpectedHop): string {
  const e = h.expect;
  const parts: string[] = [];
  if (e.aclAction !== undefined) parts.push(`action ${e.aclAction} (${ACTIONS[e.aclAction]})`);
  if (e.nat !== undefined) parts.push(e.nat.session === "none" ? "session -1" : e.nat.translate ? `session ≥0: ${e.nat.translate.field} ${e.nat.translate.from} → ${e.nat.translate.to}` : "session ≥0 (identity)");
  if (e.ttl !== undefined) parts.push(`${e.outer ? "outer " : ""}ttl ${e.ttl}`);
  if (e.egress !== undefined) parts.push(`out ${e.egress}${e.egressSwIfIndex === undefined ? "" : ` (sw_if_index ${e.egressSwIfIndex})`}`);
  if (e.vni !== undefined) parts.push(`vni ${e.vni}`);
  return parts.join(", ");
}

export function renderExpectText(e: ExpectedPaths): string {
  const flow = `${e.flow.proto} ${e.flow.src.ip}:${e.flow.src.port} -> ${e.flow.dst.ip}:${e.flow.dst.port}`;
  const via = e.endpoint.ip === e.flow.dst.ip && e.endpoint.port === e.flow.dst.port ? "" : ` (endpoint ${e.endpoint.ip}:${e.endpoint.port})`;
  const out = [`${e.scenario} ${e.direction}: ${flow}${via}`];
  for (const p of e.paths) {
    const table = new Table({ head: ["#", "graph node", "where", "expected"], style: { head: [], border: [] }, chars: COMPACT });
    p.hops.forEach((h, i) => table.push([i + 1, h.optional ? `(${h.node})` : h.node, h.at, describeHop(h)]));
    out.push("", `${p.k8sNode} (${p.role})`, table.toString());
  }
  out.push("", "(node) in parentheses: optional, may be absent from a trace.");
  return `${out.join("\n")}\n`;
}
