/**
 * Comparing two aligned records field by field, after the mask: a masked field is not
 * compared, a normalised one is compared by its class (an ACL session hit, any pod-TAP MAC)
 * but shown with its real values; a volatile one (src/diff/volatile.ts) is compared in B's
 * terms — A's client port as the port it stands for in B — and a checksum only when no
 * volatile value it covers differed in the record.
 */
import type { NodeRecord } from "../model/trace.js";
import { flattenRecord } from "./flatten.js";
import { inTermsOfB, type Translation } from "./correspondence.js";
import { withoutVolatileBytes } from "./hexdump.js";
import type { Symbols } from "./identity.js";
import type { Mask } from "./mask.js";
import { volatileClass } from "./volatile.js";

export interface FieldChange {
  field: string;
  a: string;
  b: string;
}

const POD_TAP_MAC = /^02:fe(?::[0-9a-f]{2}){4}$/;
const POD_TAP_MAC_HEX = /02fe[0-9a-f]{8}/g;
const VXLAN_PORT = 4789;
/** `0x00010000 + (old timeout type << 8) + new`, ORed into a session hit's trace bits when
 *  tracking changed the session's timeout type (acl/dataplane_node.c). */
const ACL_TIMER_RESTART_BITS = 0x0001ffff;
/** TP_STATUS_TS_SOFTWARE, _SYS_HARDWARE, _RAW_HARDWARE (linux/if_packet.h): where the kernel
 *  took the frame's timestamp from, not what the frame is. */
const TP_STATUS_TIMESTAMP_SOURCE = 0xe0000000;

function vxlanSourcePort(record: NodeRecord, path: string): boolean {
  if (!path.endsWith("srcPort")) return false;
  const base = path.slice(0, -"srcPort".length);
  const f = record.fields as Record<string, unknown>;
  const holder = base.split(".").filter(Boolean).reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], f) as { dstPort?: number } | undefined;
  return holder?.dstPort === VXLAN_PORT || record.fields.udpLookup?.dstPort === VXLAN_PORT;
}

function comparable(record: NodeRecord, path: string, value: string | number | boolean, mask: Mask, symbols?: Symbols): string {
  if (mask.on("aclSession") && path === "acl.rule" && record.fields.acl?.acl === -1) return "session";
  if (mask.on("vxlanSourcePort") && vxlanSourcePort(record, path)) return "*";
  if (mask.on("aclTimerRestart") && path === "acl.traceBits" && typeof value === "number") return String((value & ~ACL_TIMER_RESTART_BITS) >>> 0);
  if (mask.on("tpacketTimestampSource") && path.endsWith("tpacket.status") && typeof value === "number") return String((value & ~TP_STATUS_TIMESTAMP_SOURCE) >>> 0);
  let text = String(value);
  if (mask.on("podTapMac")) text = POD_TAP_MAC.test(text) ? "02:fe:*" : text.replace(POD_TAP_MAC_HEX, "02fe*");
  if (symbols !== undefined) text = symbolic(path, value, text, symbols);
  return text;
}

function symbolic(path: string, value: string | number | boolean, text: string, s: Symbols): string {
  if (typeof value === "number" && /(?:^|\.)(?:srcPort|dstPort)$/.test(path)) return s.ports.get(value) ?? text;
  if (typeof value === "number" && /(?:swIfIndex|txSwIfIndex)$/.test(path)) return s.swIfIndexes.get(value) ?? text;
  if (typeof value === "number" && /(?:^|\.)(?:acl|rule|hwIfIndex)$/.test(path) && value >= 0) return "⟨policy/interface⟩";
  if (/(?:^|\.)interface$/.test(path)) return s.interfaces.get(text) ?? text;
  if (/-output$|-tx$/.test(text)) return text;
  return s.addresses.get(text) ?? text;
}

/** `tap8-output` as `⟨egress⟩-output` when tap8 is the interface the packet left by. */
function nodeByRole(node: string, symbols: Symbols | undefined): string {
  const m = /^(.+)-(output|tx)$/.exec(node);
  const role = m === null ? undefined : symbols?.interfaces.get(m[1]);
  return role === undefined ? node : `${role}-${m![2]}`;
}

/** The real value, with the role it was compared as when that differs (`8080 ⟨dst port⟩`). */
const shown = (value: string | number | boolean | undefined, compared: string): string =>
  value === undefined ? "∅" : String(value) === compared || !compared.startsWith("⟨") ? String(value) : `${value} ${compared}`;

export interface Comparison {
  changes: FieldChange[];
  /** A volatile value differed (matched in B's terms, or a clock, ring position or the
   *  checksum that follows): the records are equivalent, not identical. */
  volatile: boolean;
}

type Value = string | number | boolean;

export function compareRecords(a: NodeRecord, b: NodeRecord, mask: Mask, symbols?: { a: Symbols; b: Symbols }, translation?: Translation): Comparison {
  const fa = flattenRecord(a);
  const fb = flattenRecord(b);
  const changes: FieldChange[] = [];
  let volatile = false;
  /** A field left out changed: the checksums over it follow, and are left out with it. */
  let leftOutChanged = false;
  const checksums: string[] = [];
  if (a.node !== b.node && nodeByRole(a.node, symbols?.a) !== nodeByRole(b.node, symbols?.b)) changes.push({ field: "node", a: a.node, b: b.node });
  for (const path of new Set([...fa.keys(), ...fb.keys()])) {
    const va = fa.get(path);
    const vb = fb.get(path);
    if (mask.masked(path)) {
      // A field left out that changed explains the checksum that covers it.
      if (va !== vb && !path.endsWith("checksum")) leftOutChanged = true;
      continue;
    }
    // The same value on both sides is no difference, whatever role it plays in each flow
    // (`l4.dstPort 8080 → 8080` where one 8080 is the destination port and the other NAT's).
    if (va !== undefined && va === vb) continue;
    const cls = mask.matchVolatile && va !== undefined && vb !== undefined ? volatileClass(path, va) : undefined;
    if (cls === "checksum") {
      if (va !== vb) checksums.push(path);
      continue;
    }
    // Between two flows the endpoints are compared by role, and their own volatile values
    // have nothing to correspond to.
    if (cls !== undefined && cls !== "port" && symbols !== undefined && (cls !== "natSession" || Number(va) < 0 === Number(vb) < 0)) continue;
    if (cls !== undefined && symbols === undefined) {
      const same = sameVolatile(cls, path, va!, vb!, fa, translation, mask);
      if (same && va !== vb) volatile = true;
      if (same) continue;
    }
    const ca = va === undefined ? "∅" : comparable(a, path, va, mask, symbols?.a);
    const cb = vb === undefined ? "∅" : comparable(b, path, vb, mask, symbols?.b);
    if (ca !== cb) changes.push({ field: path, a: shown(va, ca), b: shown(vb, cb) });
  }
  // A checksum follows from what it covers: explained when a volatile value changed here.
  if (checksums.length > 0 && (volatile || symbols !== undefined)) volatile = true;
  else if (!leftOutChanged) for (const path of checksums) changes.push({ field: path, a: String(fa.get(path)), b: String(fb.get(path)) });
  return { changes, volatile };
}

/** Whether a volatile value of A is B's in B's terms (clocks and ring positions: always). */
function sameVolatile(cls: NonNullable<ReturnType<typeof volatileClass>>, path: string, va: Value, vb: Value, fa: Map<string, Value>, translation: Translation | undefined, mask: Mask): boolean {
  if (cls === "clock" || cls === "ring") return true;
  if (cls === "hexdump") {
    // l2-output's data starts at the EtherType: an IPv4 header follows it.
    const at = path.endsWith("data") ? (String(va).startsWith("0800") ? 2 : undefined) : fa.get(path.replace(/bytes$/, "ip4.offset"));
    const offset = typeof at === "number" ? at : undefined;
    // The header fields left out are left out of the bytes too.
    const ignored = (field: string): boolean => mask.masked(path.replace(/bytes$/, `ip4.${field}`));
    return withoutVolatileBytes(String(va), offset, ignored) === withoutVolatileBytes(String(vb), offset, ignored);
  }
  return translation !== undefined && inTermsOfB(cls, va, translation) === String(vb);
}
