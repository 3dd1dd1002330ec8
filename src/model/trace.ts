/**
 * Types of the parsed trace: packets made of node records, each with typed fields.
 * Plain JSON data, so `parse --format json` prints exactly these objects.
 */

export interface Ip4Header {
  proto: string;
  src: string;
  dst: string;
  tos?: number;
  ttl?: number;
  length?: number;
  checksum?: number;
  /** From ` (should be 0x…)`: VPP's own verdict that the printed checksum is wrong. */
  checksumShouldBe?: number;
  dscp?: string;
  ecn?: string;
  fragmentId?: number;
  fragmentOffset?: number;
  flags?: string;
  version?: number;
  headerLength?: number;
  line: number;
  /** Where the `tos …, ttl N, length N, checksum 0x…` line is and, on it, the columns of
   *  `ttl` and `checksum`: what a finding about either value points at. */
  tosLine?: number;
  ttlColumn?: number;
  checksumColumn?: number;
}

/** An IPv6 header as VPP prints it (src/vnet/ip/ip6_format.c format_ip6_header). */
export interface Ip6Header {
  /** The next header, as format_ip_protocol names it (`ICMP6`, `TCP`, `IP6_HOP_BY_HOP_OPTIONS`). */
  proto: string;
  src: string;
  dst: string;
  /** Printed only when not 6. */
  version?: number;
  /** The traffic class (VPP prints it as `tos`). */
  tos?: number;
  flowLabel?: number;
  hopLimit?: number;
  payloadLength?: number;
  line: number;
}

export interface L4Header {
  proto: "TCP" | "UDP" | "ICMP";
  srcPort?: number;
  dstPort?: number;
  seq?: number;
  ack?: number;
  tcpFlags?: number;
  tcpFlagNames?: string[];
  tcpHeaderLength?: number;
  window?: number;
  length?: number;
  checksum?: number;
  icmpType?: string;
  icmpId?: number;
  /** ip4-icmp-echo-reply's `ICMP echo id N seq N`. */
  icmpSeq?: number;
  /** ICMPv6 neighbor solicitation/advertisement: `target address fe80::1`. */
  ndTarget?: string;
  /** The `options:` block VPP ≥ 23.x prints under a TCP header. */
  tcpOptions?: TcpOptions;
  line: number;
}

/** Which TCP options a segment carries (src/vnet/tcp/tcp_format.c format_tcp_options). */
export interface TcpOptions {
  mss?: number;
  windowScale?: boolean;
  timestamp?: boolean;
  sackPermitted?: boolean;
  /** `sacks:` and its `block N: start N, end N` lines. */
  sacks?: { start: number; end: number }[];
  /** `options: truncated` / `options: parsing failed`. */
  truncated?: boolean;
  parsingFailed?: boolean;
  /** The numbers printed after `window scale` and `timestamp`, kept as printed: they are not
   *  the options' values (VPP passes `format_white_space` where the value belongs). */
  printed?: { windowScale?: number; timestamp?: number };
}

export interface EtherHeader {
  type: string;
  src: string;
  dst: string;
  vlans?: string[];
  line: number;
}

/** The bytes of a hex dump and what they decode to (Ethernet, IPv4 or IPv6 header, L4 ports). */
export interface HexDump {
  bytes: string;
  length: number;
  line: number;
  ether?: { dst: string; src: string; etherType: number };
  ip4?: {
    offset: number;
    version: number;
    ihl: number;
    tos: number;
    length: number;
    fragmentId: number;
    flagsOffset: number;
    ttl: number;
    protocol: number;
    checksum: number;
    src: string;
    dst: string;
    srcPort?: number;
    dstPort?: number;
    /** Where the TTL and checksum bytes stand in the dump: what a finding points at. */
    ttlLine?: number;
    ttlColumn?: number;
    checksumLine?: number;
    checksumColumn?: number;
  };
  ip6?: {
    offset: number;
    tos: number;
    flowLabel: number;
    payloadLength: number;
    nextHeader: number;
    hopLimit: number;
    src: string;
    dst: string;
    srcPort?: number;
    dstPort?: number;
  };
}

export interface AclTuple {
  src: string;
  dst: string;
  proto: number;
  srcPort: number;
  dstPort: number;
  swIfIndex?: number;
  tcpFlags?: number;
  tcpFlagsValid?: boolean;
  l4Valid?: boolean;
  isInput?: boolean;
  isSlowPath?: boolean;
  lcIndex?: number;
}

/** What the ACL plugin's action numbers mean, by number: 3 is a hit on a session an earlier
 *  permit+reflect created. One table for every output that names an action. */
export const ACL_ACTION_NAMES: readonly string[] = ["deny", "permit", "permit+reflect", "session hit"];

/** A field a line could not give is absent, never a stand-in value: a garbled ACL line leaves
 *  no `swIfIndex`, rather than -1. */
export interface AclFields {
  /** From the node's name (`acl-plugin-out-…`) or an `ACL_OUT:` line. */
  direction?: "in" | "out";
  layer?: "ip4" | "l2" | "ip6";
  /** From the `acl-plugin:` (or `ACL_IN:`) line. */
  swIfIndex?: number;
  nextIndex?: number;
  action?: number;
  acl?: number;
  rule?: number;
  traceBits?: number;
  lcIndex?: number;
  /** The six `pkt info` words as printed. */
  pktInfo?: string[];
  /** The 5-tuple packed in the `pkt info` words. */
  pktInfoTuple?: AclTuple;
  /** The 5-tuple of the human-readable `input|output … l3 ip4 a -> b l4 …` line. */
  tuple?: AclTuple;
  pktInfoLine?: number;
  tupleLine?: number;
}

export interface NatFields {
  kind: "in2out" | "out2in";
  path: "fast" | "slow";
  output: boolean;
  tag: string;
  swIfIndex: number;
  nextIndex?: number;
  /** -1: no session, the packet was not translated. */
  session?: number;
  /** ED ≥ 21.06: `translation result 'success' via i2of` (printed with a session only). */
  translationResult?: string;
  via?: "i2of" | "o2if";
  /** The session's inside-to-outside and outside-to-inside flows. */
  i2of?: NatFlow;
  o2if?: NatFlow;
  /** The key the fast path looked the session up with, and the session it found. */
  searchKey?: NatSearchKey;
  /** `lookup skipped - cached session index used`. */
  lookupSkipped?: boolean;
  /** out2in fast path: `no reason for slow path` / `slow path because lookup failed` … */
  slowPathReason?: string;
  /** `TCP state: closed|established|closing` (TCP sessions). */
  tcpState?: string;
}

/** A NAT44-ED flow (format_nat_6t_flow): the 6-tuple it matches, the fields it rewrites. */
export interface NatFlow {
  match: { saddr: string; sport: number; daddr: string; dport: number; proto: string; fibIdx: number };
  rewrite?: { saddr?: string; sport?: number; daddr?: string; dport?: number; icmpId?: number; txfib?: number };
}

export interface NatSearchKey {
  local: string;
  localPort: number;
  remote: string;
  remotePort: number;
  proto: string;
  fib: number;
  threadIndex: number;
  sessionIndex: number;
}

/** nat44-ed-classify: which translation node the packet goes to. */
export interface NatClassifyFields {
  next?: string;
  fragmentCached?: boolean;
}

/** nat-pre-*: the translation node and the feature-arc node after it. */
export interface NatPreFields {
  direction: "in2out" | "out2in";
  nextIndex: number;
  arcNextIndex: number;
  /** Further lines of the same record, in order. */
  repeated?: { direction: "in2out" | "out2in"; nextIndex: number; arcNextIndex: number }[];
}

export interface RewriteFields {
  txSwIfIndex: number;
  dpoIdx?: number;
  adjIdx?: number;
  via?: string;
  interface?: string;
  rewrite?: string;
  mtu?: number;
  next?: number;
  flowHash?: number;
}

export interface LookupFields {
  fib: number;
  dpoIdx?: number;
  adjIdx?: number;
  flowHash?: number;
}

export interface BufferFields {
  index?: number;
  currentData?: number;
  length?: number;
  freeList?: number;
  bufferPool?: number;
  cloneCount?: number;
  refCount?: number;
  totlenNifb?: number;
  trace?: number;
  flags: string[];
  l2HdrOffset?: number;
  l3HdrOffset?: number;
  l4HdrOffset?: number;
}

export interface InputFields {
  driver: string;
  interface?: string;
  hwIfIndex?: number;
  nextIndex?: number;
  vring?: number;
  /** memif: the ring the packet came from (`slot: ring 0`). */
  ring?: number;
  rxQueue?: number;
  len?: number;
}

export interface OutputFields {
  interface: string;
  txQueue?: number;
  /** The driver's own line on a tx node (`af_packet: hw_if_index 3 tx-queue 0`). */
  driver?: string;
  hwIfIndex?: number;
}

/** A DPDK mbuf (src/trace/decoders/dpdk-mbuf.ts). */
export interface MbufFields {
  port?: number;
  nbSegs?: number;
  pktLen?: number;
  bufLen?: number;
  dataLen?: number;
  olFlags?: number;
  dataOff?: number;
  physAddr?: string;
  packetType?: number;
  l2Len?: number;
  l3Len?: number;
  outerL2Len?: number;
  outerL3Len?: number;
  l4Len?: number;
  tsoSegsz?: number;
  rss?: number;
  fdirHi?: number;
  fdirLo?: number;
  /** `Packet Offload Flags` and `Packet Types` lines: the flag names. */
  offloadFlags: string[];
  packetTypes: string[];
}

/** af_packet's blocks under its first line (src/trace/decoders/af-packet.ts). */
export interface AfPacketFields {
  /** The TPACKET_V3 ring block the frame came in (receive only). */
  block?: { number?: number; address?: string; version?: number; seqNum?: number; pktNum?: number };
  /** The kernel's tpacket header (`tpacket3_hdr:` or `tpacket2_hdr:`). */
  tpacket?: {
    version?: 2 | 3;
    status?: number;
    len?: number;
    snaplen?: number;
    mac?: number;
    net?: number;
    sec?: number;
    nsec?: number;
    vlan?: number;
    vlanPriority?: number;
    vlanCfi?: boolean;
    vlanTpid?: number;
  };
  /** The virtio-net header the kernel exchanges with the socket (checksum, GSO offload). */
  vnetHdr?: { flags?: number; gsoType?: number; hdrLen?: number; gsoSize?: number; csumStart?: number; csumOffset?: number };
}

export interface VxlanFields {
  direction: "encap" | "decap";
  tunnel?: number;
  vni?: number;
  next?: number;
  /** The error counter index VPP printed (0: none). */
  error?: number;
  /** `VXLAN decap error - tunnel for vni N does not exist` (no error index printed). */
  noSuchTunnel?: boolean;
}

export interface L2Fields {
  stage: string;
  swIfIndex?: number;
  dst?: string;
  src?: string;
  bdIndex?: number;
  data?: string;
  table?: number;
  offset?: number;
  next?: number;
  /** l2-input: the features the packet goes through (`[l2-learn l2-fwd l2-flood ]`). */
  features?: string[];
  /** l2-{input,output}-feat-arc(-end): `IN-FEAT-ARC: head 1 feature_bitmap 200a5 ethertype 800 …` */
  featArc?: { output: boolean; head: number; featureBitmap: number; ethertype: number; swIfIndex: number; nextIndex: number };
}

/** What a reassembly node did with the packet (`[not-fragmented]`, `[first-frag-seen, …]`). */
export interface ReassemblyFields {
  action: string;
  reassId?: number;
  opId?: number;
  ipProto?: number;
  srcPort?: number;
  dstPort?: number;
  handoffThread?: number;
  l4HdrTruncated?: boolean;
}

/** An ARP packet's header (format_ethernet_arp_header). */
export interface ArpFields {
  opcode: string;
  hardware: string;
  protocol: string;
  hardwareSize: number;
  protocolSize: number;
  senderMac?: string;
  senderIp?: string;
  targetMac?: string;
  targetIp?: string;
}

/** A worker hand-off: the sender's `next-worker N trace index M`, or the receiver's
 *  `HANDED-OFF: from thread T trace index M`. */
export interface HandoffFields {
  nextWorker?: number;
  fromThread?: number;
  /** The packet's trace pool index on the sending thread (absent when not printed). */
  traceIndex?: number;
}

export interface DropFields {
  /** The node that counted the error, e.g. `acl-plugin-out-ip4-fa`. */
  node?: string;
  reason?: string;
  rxInterface?: string;
}

export type KvValue = string | number;

export interface RecordFields {
  input?: InputFields;
  afPacket?: AfPacketFields;
  mbuf?: MbufFields;
  /** vhost-user-input: the ring flags and the virtio-net header. */
  vhost?: { ringFlags: string[]; firstDescLen?: number; hdrFlags?: number; gsoType?: number; numBuffers?: number };
  buffer?: BufferFields;
  ether?: EtherHeader;
  ip4?: Ip4Header;
  ip6?: Ip6Header;
  l4?: L4Header;
  /** Extra IP/L4 headers when a record prints more than one (rare). */
  headers?: { ip4?: Ip4Header; ip6?: Ip6Header; l4?: L4Header }[];
  lookup?: LookupFields;
  rewrite?: RewriteFields;
  hexdump?: HexDump;
  acl?: AclFields;
  nat?: NatFields;
  natClassify?: NatClassifyFields;
  natPre?: NatPreFields;
  udpLookup?: { srcPort: number; dstPort: number };
  vxlan?: VxlanFields;
  l2?: L2Fields;
  reassembly?: ReassemblyFields;
  arp?: ArpFields;
  output?: OutputFields;
  drop?: DropFields;
  handoff?: HandoffFields;
  /** `key value` pairs of lines no specific decoder claimed. */
  kv?: Record<string, KvValue>;
}

/** A record's typed fields by name: what a reader of records says it reads (ParseOptions.fields). */
export type FieldName = keyof RecordFields;

export type RecordKind =
  | "input"
  | "ethernet"
  | "ip4"
  | "ip4-rewrite"
  | "ip6"
  | "ip6-rewrite"
  | "acl"
  | "nat"
  | "nat-classify"
  | "nat-pre"
  | "udp-lookup"
  | "vxlan"
  | "l2"
  | "reassembly"
  | "arp"
  | "output"
  | "tx"
  | "drop"
  | "handoff"
  | "unknown";

export interface TraceTime {
  raw: string;
  /** Seconds: since VPP's main loop start (relative form) or since the epoch. */
  seconds: number;
  form: "relative" | "unix" | "datetime";
}

export interface NodeRecord {
  kind: RecordKind;
  node: string;
  time: TraceTime | null;
  file: string;
  line: number;
  fields: RecordFields;
  raw: string[];
  /** The record's header line was missing from the input; `node` was inferred. */
  headerless?: boolean;
  /** Text after the node name on the header line (no VPP prints any; kept, not decoded). */
  headerRest?: string;
  /** The thread that printed the record, on a packet joined from two workers' halves
   *  (src/trace/handoff.ts); absent otherwise: the packet's thread is the record's. */
  thread?: PacketThread;
}

export interface PacketThread {
  index: number;
  name: string;
}

export interface Packet {
  /** 1-based position in the whole input (all files, all threads). */
  index: number;
  file: string;
  thread: PacketThread | null;
  /** `Packet N` as VPP printed it (restarts per thread), null without that framing. */
  number: number | null;
  label: string;
  line: number;
  records: NodeRecord[];
  /** Some record of the packet could not be fully read (see the diagnostics). */
  incomplete?: boolean;
  /** The packet was handed to another worker and its two halves joined: this is the
   *  receiving half as VPP printed it (the packet's own thread, number and line are the
   *  sender's). Each record then carries its thread. */
  joined?: { thread: PacketThread | null; number: number | null; label: string; line: number };
}

export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  severity: Severity;
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface ParsedTrace {
  packets: Packet[];
  diagnostics: Diagnostic[];
}
