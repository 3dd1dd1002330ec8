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
  { fields: ["buffer.currentData"], why: "where a buffer's data starts, which depends on the headroom the driver left" },
  { fields: ["flowHash"], why: "flow hashes" },
  { fields: ["dpoIdx", "adjIdx"], why: "DPO and adjacency indices" },
  { fields: ["nextIndex"], why: "next-node indices of a feature arc, which depend on the graph VPP built (a drop still shows as a different node)" },
  { fields: ["acl.pktInfo", "acl.pktInfoTuple"], why: "ACL pkt info words, an encoding of the tuple compared beside them" },
  { fields: ["vxlanSourcePort"], why: "the VXLAN outer UDP source port, a hash of the inner flow" },
  { fields: ["podTapMac"], why: "MAC addresses of pod TAPs (02:fe:…), random per TAP" },
  { fields: ["aclSession"], why: "ACL session numbers (a session hit versus a rule match is still compared)" },
  { fields: ["aclTimerRestart"], why: "the ACL trace bits saying a session's timer restarted (0x0001TTNN, acl/dataplane_node.c), which the packet that completes a handshake first sets, a matter of timing; the session hit bit is still compared" },

  { fields: ["tpacketTimestampSource"], why: "the af_packet status bits saying where the kernel took the frame's timestamp from (TP_STATUS_TS_*, linux/if_packet.h)" },
];

/** Entries that normalise a value (compared by its class) rather than leave it out. */
const NORMALISED = new Set(["vxlanSourcePort", "podTapMac", "aclSession", "aclTimerRestart", "tpacketTimestampSource"]);

export const matchesField = (pattern: string, path: string): boolean => path === pattern || path.endsWith(`.${pattern}`) || path.startsWith(`${pattern}.`);

export interface DiffOptions {
  /** Compare everything literally (line numbers and record times aside): no mask, no
   *  matching of volatile values. */
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
  /** Whether volatile values are matched between A and B (src/diff/volatile.ts). */
  matchVolatile: boolean;
  /** The `ignore` names no compared field has matched so far. */
  unused(): string[];
}

export function buildMask(options: DiffOptions): Mask {
  const defaults = options.strict ? [] : DEFAULT_MASK.flatMap((m) => m.fields);
  const ignore = options.ignore ?? [];
  const left = [...defaults.filter((f) => !NORMALISED.has(f)), ...ignore];
  const only = options.only ?? [];
  const used = new Set<string>();
  const matches = (p: string, path: string): boolean => {
    if (!matchesField(p, path)) return false;
    used.add(p);
    return true;
  };
  return {
    masked: (path) => left.some((p) => matches(p, path)) || (only.length > 0 && !only.some((p) => matches(p, path))),
    on: (rule) => defaults.includes(rule),
    describe: [...defaults, ...ignore],
    matchVolatile: !options.strict,
    unused: () => [...ignore, ...only].filter((p) => !used.has(p)),
  };
}
