/**
 * nat-translation: a NAT record with a session (≥ 0) translated the packet, so the next
 * header print shows another address or port; with session -1 nothing was translated and
 * the next print is unchanged. When a NAT node hands over to another (fast path → slow
 * path) only the last one before the next print is judged.
 * Contiv installs identity mappings for VXLAN (UDP 4789) so that inter-node traffic is never
 * source-NATed: their sessions leave the addresses as they are.
 */
import type { HeaderView } from "../trace/headers.js";
import type { Rule } from "./types.js";

const VXLAN_PORT = 4789;
const tuple = (v: HeaderView): string =>
  `${v.src}${v.srcPort === undefined ? "" : `:${v.srcPort}`} -> ${v.dst}${v.dstPort === undefined ? "" : `:${v.dstPort}`}`;
const isVxlan = (v: HeaderView): boolean => v.proto === 17 && (v.dstPort === VXLAN_PORT || v.srcPort === VXLAN_PORT);

export const natTranslation: Rule = {
  meta: { kind: "invariant", id: "nat-translation", description: "a NAT session (≥ 0) changes the packet's address or port; session -1 leaves it unchanged", severity: "error" },
  check({ packet, views, report }) {
    packet.records.forEach((record, position) => {
      const nat = record.fields.nat;
      if (nat?.session === undefined) return;
      const after = views.find((v) => v.position > position);
      const nextNat = packet.records.findIndex((r, i) => i > position && r.fields.nat !== undefined);
      if (after === undefined || (nextNat !== -1 && nextNat < after.position)) return;
      const before = views.filter((v) => v.position < position).pop();
      if (before === undefined) return;
      const changed = tuple(before) !== tuple(after);
      const translates = nat.session >= 0 && !isVxlan(before);
      if (changed === translates) return;
      report({
        record,
        expected: translates ? `a translated address or port after session ${nat.session}` : `${tuple(before)} unchanged`,
        actual: `${tuple(after)} at ${after.record.node} (line ${after.line})`,
        message: translates
          ? `${record.node} reports session ${nat.session} but the packet was not translated`
          : nat.session >= 0
            ? `the identity mapping for VXLAN should leave the encapsulated packet untranslated`
            : `${record.node} reports no session (-1) but the packet's address or port changed`,
      });
    });
  },
};
