/**
 * What the diff does not compare by default: values that change from one capture to the
 * next without the path or a verdict changing. Each entry names the field paths it covers
 * (a name matches a path equal to it, ending in `.name`, or under `name.`).
 */

export interface MaskEntry {
  fields: string[];
  why: string;
}

export const DEFAULT_MASK: MaskEntry[] = [
  { fields: ["buffer.index", "buffer.trace", "mbuf.physAddr", "mbuf.dataOff", "buffer.currentData"], why: "buffer indices and addresses" },
  { fields: ["afPacket.block", "afPacket.tpacket.sec", "afPacket.tpacket.nsec", "tcpOptions.printed"], why: "af_packet ring blocks and kernel timestamps; the addresses VPP prints for TCP window scale and timestamp" },
  { fields: ["flowHash"], why: "flow hashes" },
  { fields: ["dpoIdx", "adjIdx"], why: "DPO and adjacency indices" },
  { fields: ["nextIndex"], why: "next-node indices of a feature arc, which depend on the graph VPP built (a drop still shows as a different node)" },
  { fields: ["seq", "ack"], why: "TCP sequence numbers" },
  { fields: ["checksum", "hexdump.bytes", "acl.pktInfo", "acl.pktInfoTuple"], why: "checksums and encodings that follow from other fields (hex dump bytes, ACL pkt info words)" },
  { fields: ["fragmentId"], why: "IPv4 identification, new for every packet" },
  { fields: ["vxlanSourcePort"], why: "the VXLAN outer UDP source port, a hash of the inner flow" },
  { fields: ["podTapMac"], why: "MAC addresses of pod TAPs (02:fe:…), random per TAP" },
  { fields: ["nat.session", "aclSession"], why: "NAT session and ACL session numbers (-1 versus ≥ 0 is still compared)" },
];

/** Entries that normalise a value (compared by its class) rather than leave it out. */
const NORMALISED = new Set(["vxlanSourcePort", "podTapMac", "aclSession", "nat.session"]);

export const matchesField = (pattern: string, path: string): boolean => path === pattern || path.endsWith(`.${pattern}`) || path.startsWith(`${pattern}.`);

export interface DiffOptions {
  /** Compare everything (line numbers and timestamps aside). */
  strict?: boolean;
  /** More fields not to compare. */
  ignore?: string[];
  /** Compare only these fields (the node sequence is always compared). */
  only?: string[];
}

export interface Mask {
  masked(path: string): boolean;
  /** Whether a masking rule (a pseudo-field) is on. */
  on(rule: string): boolean;
  describe: string[];
}

export function buildMask(options: DiffOptions): Mask {
  const defaults = options.strict ? [] : DEFAULT_MASK.flatMap((m) => m.fields);
  const left = [...defaults.filter((f) => !NORMALISED.has(f)), ...(options.ignore ?? [])];
  const only = options.only ?? [];
  return {
    masked: (path) => left.some((p) => matchesField(p, path)) || (only.length > 0 && !only.some((p) => matchesField(p, path))),
    on: (rule) => defaults.includes(rule),
    describe: options.strict ? [...(options.ignore ?? [])] : [...DEFAULT_MASK.flatMap((m) => m.fields), ...(options.ignore ?? [])],
  };
}
