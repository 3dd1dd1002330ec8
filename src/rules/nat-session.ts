/**
 * nat-session: each NAT stage on the expected path has the session the configuration gives
 * it — -1 where no session or mapping applies, ≥ 0 where a static mapping translates a
 * service address to one of its endpoints (and the connection's session translates the
 * reply back), where dynamic source NAT maps a pod to the pool address, or where an
 * identity mapping matches — and a translating stage changes exactly what it should, to a
 * value the configuration allows (an endpoint of the service, not any pod).
 */
import type { NatExpectation, PacketExpectation } from "../model/expectation.js";
import type { NodeRecord, Packet } from "../model/trace.js";
import type { HeaderView } from "../trace/headers.js";
import type { Report, Rule } from "./types.js";

interface Stage {
  nat: NatExpectation;
  why: string;
  records: { record: NodeRecord; position: number }[];
}

function stages(packet: Packet, expectation: PacketExpectation): Stage[] {
  const byName = new Map<string, Stage>();
  packet.records.forEach((record, position) => {
    const hop = expectation.alignment.hops[position];
    const nat = hop?.expect.nat;
    if (nat === undefined) return;
    const stage = byName.get(nat.stage) ?? { nat, why: hop!.why[hop!.why.length - 1], records: [] };
    stage.records.push({ record, position });
    byName.set(nat.stage, stage);
  });
  return [...byName.values()];
}

/** `10.1.1.5:8080`, or the address alone when the expectation leaves the port open. */
function address(v: HeaderView, field: "src" | "dst", withPort: boolean): string {
  return withPort ? `${v[field]}:${v[`${field}Port`]}` : v[field];
}

/** Compare `seen` with an expected `ip:port` whose port may be `*` (chosen at run time). */
const fits = (seen: string, expected: string): boolean => (expected.endsWith(":*") ? seen.split(":")[0] === expected.slice(0, -2) : seen === expected);

function checkTranslation(stage: Stage, views: HeaderView[], report: (r: Report) => void): void {
  const t = stage.nat.translate!;
  const first = stage.records[0].position;
  const last = stage.records[stage.records.length - 1];
  const before = views.filter((v) => v.position < first).pop();
  const after = views.find((v) => v.position > last.position);
  if (before === undefined || after === undefined) return;
  const from = address(before, t.field, true);
  const to = address(after, t.field, true);
  const allowed = t.allowed ?? [t.to];
  if (fits(from, t.from) && allowed.some((a) => fits(to, a))) return;
  const side = t.field === "dst" ? "destination" : "source";
  report({
    record: last.record,
    expected: `${t.field} ${t.from} → ${allowed.join(" | ")}`,
    actual: `${t.field} ${from} → ${to}`,
    message: `${last.record.node} should translate the ${side} ${t.from} to ${allowed.length > 1 ? `one of ${allowed.join(", ")}` : allowed[0]}: ${stage.why}`,
  });
}

function checkIdentity(stage: Stage, views: HeaderView[], report: (r: Report) => void): void {
  const first = stage.records[0].position;
  const last = stage.records[stage.records.length - 1];
  const before = views.filter((v) => v.position < first).pop();
  const after = views.find((v) => v.position > last.position);
  if (before === undefined || after === undefined) return;
  const was = `${address(before, "src", true)} > ${address(before, "dst", true)}`;
  const is = `${address(after, "src", true)} > ${address(after, "dst", true)}`;
  if (was === is) return;
  report({ record: last.record, expected: `${was} unchanged`, actual: is, message: `${last.record.node} matched an identity mapping, which translates nothing: ${stage.why}` });
}

export const natSession: Rule = {
  meta: { kind: "expectation", id: "nat-session", description: "each NAT stage has the session its mappings and sessions give it (-1, or ≥ 0 with a translation to a value the configuration allows)", severity: "error" },
  reads: ["nat"],
  check({ packet, expectation, views, report }) {
    if (expectation === undefined) return;
    const what = `the ${expectation.scenario} ${expectation.direction}`;
    for (const stage of stages(packet, expectation)) {
      const sessions = stage.records.map((r) => r.record.fields.nat?.session).filter((s): s is number => s !== undefined);
      if (sessions.length === 0) continue;
      const translated = sessions.some((s) => s >= 0);
      const last = stage.records[stage.records.length - 1].record;
      if (stage.nat.session === "session" && !translated) {
        const t = stage.nat.translate;
        report({
          record: last,
          expected: "session ≥ 0",
          actual: `session ${sessions.join(", ")}`,
          message: t ? `${last.node} should translate ${t.from} in ${what}: ${stage.why}` : `${last.node} should match a session in ${what}: ${stage.why}`,
        });
      } else if (stage.nat.session === "none" && translated) {
        report({ record: last, expected: "session -1", actual: `session ${sessions.find((s) => s >= 0)}`, message: `no translation should occur at ${last.node} in ${what}: ${stage.why}` });
      } else if (stage.nat.translate !== undefined) {
        checkTranslation(stage, views, report);
      } else if (stage.nat.identity) {
        checkIdentity(stage, views, report);
      }
    }
  },
};
