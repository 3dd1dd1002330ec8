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
  line: number;
}

export interface EtherHeader {
  type: string;
  src: string;
  dst: string;
  vlans?: string[];
  line: number;
}

/** The bytes of a hex dump and what they decode to (Ethernet, IPv4 header, L4 ports). */
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
}

export interface InputFields {
  driver: string;
  interface?: string;
  hwIfIndex?: number;
  nextIndex?: number;
  vring?: number;
  rxQueue?: number;
  len?: number;
}

export interface OutputFields {
  interface: string;
  txQueue?: number;
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
  buffer?: BufferFields;
  ether?: EtherHeader;
  ip4?: Ip4Header;
  l4?: L4Header;
  /** Extra IPv4/L4 headers when a record prints more than one (rare). */
  headers?: { ip4?: Ip4Header; l4?: L4Header }[];
  lookup?: LookupFields;
  rewrite?: RewriteFields;
  hexdump?: HexDump;
  acl?: AclFields;
  nat?: NatFields;
  udpLookup?: { srcPort: number; dstPort: number };
  vxlan?: VxlanFields;
  l2?: L2Fields;
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
  | "acl"
  | "nat"
  | "udp-lookup"
  | "vxlan"
  | "l2"
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
