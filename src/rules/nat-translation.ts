/**
 * nat-translation: a NAT record with a session (≥ 0) translated the packet, so the next
 * header print shows another address or port; with session -1 nothing was translated and
 * the next print is unchanged. When a NAT node hands over to another (fast path → slow
 * path) only the last one before the next print is judged.
 * A session of an identity mapping (Contiv's for VXLAN between nodes) translates nothing:
 * where the packet's expected path says so, an unchanged packet is right; without an
 * expected path the rule cannot tell an identity mapping from a missed translation, and
 * judges only session -1.
 */
import type { HeaderView } from "../trace/headers.js";
import type { Rule } from "./types.js";

const tuple = (v: HeaderView): string =>
  `${v.src}${v.srcPort === undefined ? "" : `:${v.srcPort}`} -> ${v.dst}${v.dstPort === undefined ? "" : `:${v.dstPort}`}`;

export const natTranslation: Rule = {
  meta: { kind: "invariant", usesExpectation: true, id: "nat-translation", description: "a NAT session (≥ 0) changes the packet's address or port unless it is an identity mapping; session -1 leaves it unchanged", severity: "error" },
  reads: ["nat"],
  check({ packet, views, expectation, report }) {
    packet.records.forEach((record, position) => {
      const nat = record.fields.nat;
      if (nat?.session === undefined) return;
      const after = views.find((v) => v.position > position);
      const nextNat = packet.records.findIndex((r, i) => i > position && r.fields.nat !== undefined);
      if (after === undefined || (nextNat !== -1 && nextNat < after.position)) return;
      const before = views.filter((v) => v.position < position).pop();
      if (before === undefined) return;
      const changed = tuple(before) !== tuple(after);
      const hop = expectation?.alignment.hops[position];
      if (nat.session >= 0 && !changed && (hop === undefined || hop.expect.nat?.identity)) return;
      const translates = nat.session >= 0;
      if (changed === translates) return;
      report({
        record,
        expected: translates ? `a translated address or port after session ${nat.session}` : `${tuple(before)} unchanged`,
        actual: `${tuple(after)} at ${after.record.node} (line ${after.line})`,
        message: translates ? `${record.node} reports session ${nat.session}, which is no identity mapping, but the packet was not translated` : `${record.node} reports no session (-1) but the packet's address or port changed`,
      });
    });
  },
};
