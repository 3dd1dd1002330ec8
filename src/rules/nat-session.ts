/**
 * nat-session: each NAT stage on the expected path has the session it should — -1 where
 * nothing is to be translated, ≥ 0 where a service VIP is translated to its endpoint (and
 * back on the response), where SNAT maps a pod to the node IP, or where Contiv's identity
 * mapping for VXLAN matches — and a translating stage changes exactly what it should.
 */
import type { NatExpectation, PacketExpectation } from "../model/expectation.js";
import type { NodeRecord, Packet } from "../model/trace.js";
import type { HeaderView } from "../trace/headers.js";
import type { Report, Rule } from "./types.js";

interface Stage {
  nat: NatExpectation;
  records: { record: NodeRecord; position: number }[];
}

function stages(packet: Packet, expectation: PacketExpectation): Stage[] {
  const byName = new Map<string, Stage>();
  packet.records.forEach((record, position) => {
    const nat = expectation.alignment.hops[position]?.expect.nat;
    if (nat === undefined) return;
    const stage = byName.get(nat.stage) ?? { nat, records: [] };
    stage.records.push({ record, position });
    byName.set(nat.stage, stage);
  });
  return [...byName.values()];
}

const address = (v: HeaderView, field: "src" | "dst", withPort: boolean): string => (withPort ? `${v[field]}:${v[`${field}Port`]}` : v[field]);

function checkTranslation(stage: Stage, views: HeaderView[], report: (r: Report) => void): void {
  const t = stage.nat.translate!;
  const first = stage.records[0].position;
  const last = stage.records[stage.records.length - 1];
  const before = views.filter((v) => v.position < first).pop();
  const after = views.find((v) => v.position > last.position);
  if (before === undefined || after === undefined) return;
  const withPort = t.from.includes(":");
  const seen = `${address(before, t.field, withPort)} → ${address(after, t.field, withPort)}`;
  if (address(before, t.field, withPort) === t.from && address(after, t.field, withPort) === t.to) return;
  report({
    record: last.record,
    expected: `${t.field} ${t.from} → ${t.to}`,
    actual: `${t.field} ${seen}`,
    message: `${last.record.node} should translate the ${t.field === "dst" ? "destination" : "source"} ${t.from} to ${t.to}`,
  });
}

export const natSession: Rule = {
  meta: { kind: "scenario", id: "nat-session", description: "each NAT stage has the session its scenario expects (-1, or ≥ 0 with the right translation)", severity: "error" },
  check({ packet, expectation, views, report }) {
    if (expectation === undefined) return;
    for (const stage of stages(packet, expectation)) {
      const sessions = stage.records.map((r) => r.record.fields.nat?.session).filter((s): s is number => s !== undefined);
      if (sessions.length === 0) continue;
      const translated = sessions.some((s) => s >= 0);
      const last = stage.records[stage.records.length - 1].record;
      if (stage.nat.session === "session" && !translated) {
        report({
          record: last,
          expected: "session ≥ 0",
          actual: `session ${sessions.join(", ")}`,
          message: stage.nat.translate
            ? `${last.node} should translate ${stage.nat.translate.from} to ${stage.nat.translate.to} (session is not -1 in the guide's trace)`
            : `${last.node} should match Contiv's identity mapping for VXLAN (a session ≥ 0)`,
        });
      } else if (stage.nat.session === "none" && translated) {
        report({ record: last, expected: "session -1", actual: `session ${sessions.find((s) => s >= 0)}`, message: `no translation should occur at ${last.node} in the ${expectation.scenario} ${expectation.direction} (session -1 in the guide's trace)` });
      } else if (stage.nat.translate !== undefined) {
        checkTranslation(stage, views, report);
      }
    }
  },
};
