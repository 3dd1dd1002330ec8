/**
 * The lines each node always prints, per decoder family (and node, where one family's nodes
 * differ), from VPP's format functions: a record without one of them was cut or edited, and
 * the rules must not vouch for the packet — the deleted `tos …, ttl …` line would leave the
 * TTL at the output unchecked and the packet `conforms`. Applied after a record's lines are
 * read (decode.ts), whatever fields the reader wants. Lines are recognised by the decoder rule
 * that claims them, the shared shape's token, or their text; `check` validates values read in
 * full where one line must agree with another (a rewrite string and the dump under it).
 * What each format prints where releases differ is noted at its entry; a line a release adds
 * is never required (unknown releases stay readable), only lines every release prints.
 */
import type { SyntaxLine } from "../../grammar/index.js";
import { decoderFor, decoders } from "./decoders/index.js";
import { checkRewrite } from "./decoders/ip4-rewrite.js";
import { LineMemo } from "./memo.js";
import type { ProblemSink } from "./problems.js";

export interface PrintedLine {
  /** What the line is, as the warning names it. */
  description: string;
  /** The decoder rules that claim it (any of them). */
  rules?: string[];
  /** The shared shapes' tokens (`Ip4Header`, `EtherLine`, `HexDump`): any of them. */
  tokens?: string[];
  /** Its text, for a line no decoder rule claims (yet). */
  text?: RegExp;
}

interface Entry {
  family: string;
  /** Lines required only of the releases that print them: when a line of the record
   *  matches `mark` (a format only those releases have). */
  newer?: { mark: RegExp; lines: PrintedLine[] };
  /** The family's nodes this entry is for; every node of the family when absent. */
  nodes?: RegExp;
  /** Only when a line of the record is so (one driver's format among several share a node
   *  name pattern): the line's text, or any of `markTokens`. */
  mark?: RegExp;
  markTokens?: string[];
  lines: PrintedLine[];
  /** Values of the record's lines that must agree (a rewrite and its dump). */
  check?: (lines: SyntaxLine[], problems: ProblemSink) => void;
}

/** format_dpdk_rte_mbuf (dpdk plugin, 18.x–26.x): three lines at least (26.x adds `rss …`). */
const MBUF: PrintedLine[] = [
  { description: "the line 'PKT MBUF: port N, nb_segs N, pkt_len N'", text: /^PKT MBUF: port / },
  { description: "the mbuf line 'buf_len N, data_len N, …'", text: /^buf_len \d+, data_len \d+/ },
  // (16.09 prints `packet_type 0x0` alone.)
  { description: "the mbuf line 'packet_type 0x…'", text: /^packet_type 0x[0-9a-f]+/ },
];
const BUFFER: PrintedLine = { description: "the line 'buffer 0x…: current data N, length N, …'", rules: ["buffer"] };
const ETHER: PrintedLine = { description: "the Ethernet line 'TYPE: src-mac -> dst-mac'", tokens: ["EtherLine"] };
const IP4: PrintedLine = { description: "the IPv4 header 'PROTO: src -> dst'", tokens: ["Ip4Header"] };
const IP6: PrintedLine = { description: "the IPv6 header 'PROTO: src -> dst'", tokens: ["Ip6Header"] };
const FIB: PrintedLine = { description: "the line 'fib N dpo-idx N flow hash: 0x…'", rules: ["fib", "fib-compact"] };

/** One entry per family and node group. */
const ALWAYS_PRINTED: Entry[] = [
  // format_virtio_input_trace (src/vnet/devices/virtio/node.c, 18.x–26.x): both lines.
  {
    family: "device-input",
    nodes: /^virtio-input$/,
    lines: [
      { description: "the line 'virtio: hw_if_index N next-index N vring N len N'", rules: ["virtio"] },
      { description: "the line 'hdr: flags 0x… gso_type 0x… …'", rules: ["virtio-hdr"] },
    ],
  },
  // format_af_packet_input_trace: the driver line and the tpacket header (tpacket2 in 18.x,
  // tpacket3 with `block N:` from 22.x); `vnet-hdr:` only when the interface has one.
  {
    family: "device-input",
    nodes: /^af-packet-input$/,
    mark: /^af_packet: |^tpacket[23]_hdr:$/,
    lines: [
      { description: "the line 'af_packet: hw_if_index N …'", rules: ["hw-if"] },
      { description: "the line 'tpacketN_hdr:'", text: /^tpacket[23]_hdr:$/ },
      { description: "the line 'status 0x… len N snaplen N mac N net N'", text: /^status 0x[0-9a-f]+ len \d+ snaplen \d+ mac \d+ net \d+$/ },
      { description: "the line 'sec 0x… nsec 0x… vlan N …'", text: /^sec 0x[0-9a-f]+ nsec 0x/ },
    ],
  },
  // format_dpdk_rx_trace: the queue, the buffer, the mbuf and the Ethernet header (or, in a
  // verbose capture, a `Packet Dump` in its place).
  {
    family: "device-input",
    nodes: /^dpdk-input$/,
    lines: [{ description: "the line 'INTERFACE rx queue N'", rules: ["dpdk-rx"] }, BUFFER, ...MBUF, { ...ETHER, description: "the Ethernet line 'TYPE: src-mac -> dst-mac' (or 'Packet Dump')", rules: ["packet-dump"] }],
  },
  // format_ethernet_input_trace: the header (26.x may print a `frame:` line above it).
  { family: "ethernet", nodes: /^ethernet-input$/, lines: [ETHER] },
  // format_ip4_input_trace / format_ip4_forward_next_trace: the packet's IPv4 header; the
  // lookup's `fib N dpo-idx N flow hash` line above it.
  { family: "ip4", nodes: /^ip4-input(?:-no-checksum)?$/, lines: [IP4] },
  { family: "ip4", nodes: /^ip4-(?:lookup|load-balance)$/, lines: [FIB, IP4] },
  // The same for IPv6 (src/vnet/ip/ip6_forward.c format_ip6_forward_next_trace, 16.09–26.06).
  { family: "ip6", nodes: /^ip6-input$/, lines: [IP6] },
  { family: "ip6", nodes: /^ip6-(?:lookup|load-balance)$/, lines: [FIB, IP6] },
  // format_acl_plugin_trace (the `-fa` nodes, 17.07–26.x): the match line (the decoder's
  // expected line), the `pkt info` words and the 5-tuple under them.
  {
    family: "acl-plugin",
    nodes: /^acl-plugin-(?:in|out)-ip[46]-(?:fa|l2)$/,
    lines: [
      { description: "the line 'pkt info …' (six 64-bit words)", rules: ["pkt-info"] },
      { description: "the 5-tuple line under 'pkt info'", rules: ["tuple"] },
    ],
  },
  // format_ip4_rewrite_trace: the adjacency line (the decoder's expected line) and the
  // packet after the rewrite as a hex dump, which starts with the rewrite string.
  // (≤ 17.01 printed the packet decoded: an Ethernet line and the IPv4 header.)
  { family: "ip4-rewrite", nodes: /^ip4-rewrite(?:-transit)?$/, lines: [{ description: "the rewritten packet: a hex dump ('00000000: …') or its IPv4 header", tokens: ["HexDump", "Ip4Header"] }], check: checkRewrite },
  // format_ip6_rewrite_trace: the adjacency line (expected) and the rewritten packet; 16.09
  // printed it decoded (an Ethernet line and the IPv6 header).
  { family: "ip6-rewrite", nodes: /^ip6-rewrite$/, lines: [{ description: "the rewritten packet: a hex dump ('00000000: …') or its IPv6 header", tokens: ["HexDump", "Ip6Header"] }] },
  // format_ip4_sv_reass_trace (and ip6's): what was done, in brackets, on every record.
  { family: "reassembly", nodes: /^ip[46]-sv-reassembly/, lines: [{ description: "the line '[not-fragmented]' (or another action in brackets)", rules: ["reassembly"] }] },
  // format_vnet_interface_output_trace: the interface's name, then the packet from its
  // Ethernet header (the interfaces of `-output` nodes in every trace we know are Ethernet).
  // (Other nodes whose names end so, `nat-pre-in2out-output`, print neither: the entry
  // applies to a record holding a bare interface name or a packet.) An L3 interface (`tun4`)
  // has no Ethernet header: its packet is a hex dump.
  {
    family: "interface-output",
    nodes: /-output$/,
    mark: /^[^\s:]+(?: tx queue \d+)?(?: flags 0x[0-9a-f]+)?$/,
    markTokens: ["EtherLine", "HexDump"],
    lines: [{ description: "the line naming the interface", rules: ["interface"] }, { description: "the packet: its Ethernet line 'TYPE: src-mac -> dst-mac' (a hex dump on an L3 interface)", tokens: ["EtherLine", "HexDump"] }],
  },
  // format_dpdk_tx_trace: the interface and queue, the buffer, the mbuf, the Ethernet header.
  // (The entry applies to a record holding dpdk's queue line or mbuf; af_packet's and other
  // drivers' tx nodes print other lines.)
  // 16.09 printed no mbuf at tx; its buffer line has no `clone-count` (17.x–18.x) or
  // `ref-count` (19.x on), which mark the releases that do.
  {
    family: "interface-output",
    nodes: /-tx$/,
    mark: /^\S+ tx queue \d+$|^PKT MBUF: /,
    lines: [{ description: "the line 'INTERFACE tx queue N'", rules: ["interface"] }, BUFFER, ETHER],
    newer: { mark: /^buffer 0x[0-9a-f]+: .*, (?:clone|ref)-count \d+/, lines: MBUF },
  },
  // format_af_packet_tx_trace (22.x–26.x): the queue, the tpacket header, the buffer, then
  // the packet as sent (`vnet-hdr:` only when the interface has one).
  {
    family: "interface-output",
    nodes: /-tx$/,
    mark: /^af_packet: hw_if_index \d+ tx-queue \d+$/,
    lines: [
      { description: "the line 'tpacket3_hdr:'", text: /^tpacket3_hdr:$/ },
      { description: "the line 'status 0x… len N snaplen N mac N net N'", text: /^status 0x[0-9a-f]+ len \d+ snaplen \d+ mac \d+ net \d+$/ },
      { description: "the line 'sec 0x… nsec 0x… vlan N …'", text: /^sec 0x[0-9a-f]+ nsec 0x/ },
      { description: "the line 'buffer 0x…:'", text: /^buffer 0x[0-9a-f]+:$/ },
      { description: "the line 'current data N, length N, …'", rules: ["buffer"], text: /^current data -?\d+, length \d+/ },
      ETHER,
    ],
  },
  // format_l2_in_out_feat_arc_trace (l2_in_out_feat_arc.c): its one line.
  { family: "l2", nodes: /^l2-(?:input|output)-feat-arc(?:-end)?$/, lines: [{ description: "the line 'IN-FEAT-ARC: head N feature_bitmap … next_index N'", rules: ["l2"], text: /^(?:IN|OUT)-FEAT-ARC: / }] },
  // format_l2_input_trace, _fwd_, _output_, _learn_, _flood_, l2-classify's: one line each.
  { family: "l2", nodes: /^l2-(?:input|fwd|output|learn|flood|input-classify|output-classify)$/, lines: [{ description: "the line 'l2-…: sw_if_index N …'", rules: ["l2"], text: /^l2-[a-z-]+:\s+sw_if_index \d+ / }] },
];

/** A record's lines VPP always prints, found as they are read: the entry, and a bit per line seen. */
export class PrintedLines {
  private seen = 0;
  private applies: boolean;
  private newer = false;
  private readonly lines: PrintedLine[];

  private constructor(private readonly entry: Entry) {
    this.applies = entry.mark === undefined && entry.markTokens === undefined;
    this.lines = entry.newer === undefined ? entry.lines : [...entry.lines, ...entry.newer.lines];
  }

  /** The tracker for a record of this family and node, or undefined when nothing is required. */
  static for(family: string, node: string): PrintedLines | undefined {
    const entry = entryFor(family, node);
    return entry === null ? undefined : new PrintedLines(entry);
  }

  /** A body line as read: its token, and the decoder rule that claimed it (if any). */
  see(line: SyntaxLine, rule: string | undefined): void {
    if (!this.applies) this.applies = this.entry.markTokens?.includes(line.token) === true || (line.token === "TextLine" && this.entry.mark?.test(line.text) === true);
    if (this.entry.newer !== undefined && !this.newer && line.token === "TextLine") this.newer = this.entry.newer.mark.test(line.text);
    const lines = this.lines;
    for (let i = 0; i < lines.length; i++) {
      const wanted = lines[i];
      if ((this.seen & (1 << i)) !== 0) continue;
      if (wanted.tokens?.includes(line.token) === true || (rule !== undefined && wanted.rules?.includes(rule) === true) || (wanted.text !== undefined && line.token === "TextLine" && wanted.text.test(line.text))) this.seen |= 1 << i;
    }
  }

  /** The lines not seen, and what the entry's check finds wrong in those that were. */
  problems(lines: SyntaxLine[], at: { line: number; column: number }, problems: ProblemSink): void {
    if (!this.applies) return;
    const required = this.newer ? this.lines.length : this.entry.lines.length;
    this.lines.forEach((wanted, i) => {
      if (i < required && (this.seen & (1 << i)) === 0) problems.push({ ...at, shape: "record", expected: `${wanted.description}, which VPP always prints for this node`, found: "", missing: true });
    });
    this.entry.check?.(lines, problems);
  }
}

/** Entries by node name, looked up once per name (bounded: nothing bounds a bad input's names). */
const byNode = new Map<string, Entry | null>();

function entryFor(family: string, node: string): Entry | null {
  const key = `${family}\u0000${node}`;
  let entry = byNode.get(key);
  if (entry !== undefined) return entry;
  entry = ALWAYS_PRINTED.find((e) => e.family === family && (e.nodes === undefined || e.nodes.test(node))) ?? null;
  if (byNode.size >= 4096) byNode.clear();
  byNode.set(key, entry);
  return entry;
}

/** The rules of each family's expected line (the one every record of it starts with). */
let starts: [string, RegExp[]][] | undefined;
const startsBy = new LineMemo<string | null>(1024);

/**
 * The family whose records start with this line, when it is not `node`'s own (nor the
 * IPv4 counterpart's of an IPv6 node, which prints the same line): `acl-plugin: …` under
 * `ip4-input` means the ACL node's record header is missing above it — a node that would
 * otherwise pass unseen, its lines kept as the record before's `key value` pairs.
 */
export function startOfAnotherRecord(text: string, node: string, family: string): string | undefined {
  starts ??= decoders.flatMap((d) => (d.expected === undefined ? [] : [[d.family, d.rules.filter((r) => r.name === d.expected!.rule).map((r) => r.pattern)] as [string, RegExp[]]]));
  const found = startsBy.through(text, (t) => starts!.find(([, patterns]) => patterns.some((p) => p.test(t)))?.[0] ?? null);
  if (found === null || found === family || decoderFor(node.replace(/^ip6-/, "ip4-")).family === found) return undefined;
  return found;
}
