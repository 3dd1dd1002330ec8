/**
 * JSON Schema of `vpptrace parse --format json` (a document) and of each line of
 * `--format ndjson` (a packet). Shipped with the package; `vpptrace schema parse` prints it.
 */

const integer = { type: "integer" } as const;
const str = { type: "string" } as const;
const ipv4 = { type: "string", format: "ipv4" } as const;
const port = { type: "integer", minimum: 0, maximum: 65535 } as const;

const ip4 = {
  type: "object",
  required: ["proto", "src", "dst", "line"],
  properties: {
    proto: str,
    src: { type: "string", format: "ipv4" },
    dst: { type: "string", format: "ipv4" },
    tos: integer,
    ttl: { type: "integer", minimum: 0, maximum: 255 },
    length: integer,
    checksum: { type: "integer", minimum: 0, maximum: 65535 },
    checksumShouldBe: integer,
    fragmentId: integer,
    fragmentOffset: integer,
    flags: str,
    line: integer,
  },
} as const;

const ip6 = {
  type: "object",
  required: ["proto", "src", "dst", "line"],
  properties: {
    proto: str,
    src: { type: "string", format: "ipv6" },
    dst: { type: "string", format: "ipv6" },
    version: integer,
    tos: integer,
    flowLabel: integer,
    hopLimit: { type: "integer", minimum: 0, maximum: 255 },
    payloadLength: integer,
    line: integer,
  },
} as const;

const l4 = {
  type: "object",
  required: ["proto", "line"],
  properties: {
    proto: { enum: ["TCP", "UDP", "ICMP"] },
    srcPort: { type: "integer", minimum: 0, maximum: 65535 },
    dstPort: { type: "integer", minimum: 0, maximum: 65535 },
    seq: integer,
    ack: integer,
    tcpFlags: integer,
    tcpFlagNames: { type: "array", items: str },
    window: integer,
    checksum: integer,
    ndTarget: { type: "string", format: "ipv6" },
    tcpOptions: {
      type: "object",
      properties: {
        mss: integer,
        windowScale: { type: "boolean" },
        timestamp: { type: "boolean" },
        sackPermitted: { type: "boolean" },
        sacks: { type: "array", items: { type: "object", required: ["start", "end"], properties: { start: integer, end: integer } } },
      },
    },
    line: integer,
  },
} as const;

const aclTuple = {
  type: "object",
  required: ["src", "dst", "proto", "srcPort", "dstPort"],
  properties: { src: str, dst: str, proto: integer, srcPort: integer, dstPort: integer },
} as const;

const acl = {
  type: "object",
  required: [],
  properties: {
    direction: { enum: ["in", "out"] },
    layer: { enum: ["ip4", "ip6", "l2"] },
    swIfIndex: integer,
    nextIndex: integer,
    action: { type: "integer", minimum: 0, maximum: 3 },
    acl: integer,
    rule: integer,
    traceBits: integer,
    pktInfo: { type: "array", items: { type: "string", pattern: "^[0-9a-f]{16}$" }, minItems: 6, maxItems: 6 },
    pktInfoTuple: aclTuple,
    tuple: aclTuple,
  },
} as const;

const natFlow = {
  type: "object",
  required: ["match"],
  properties: {
    match: {
      type: "object",
      required: ["saddr", "sport", "daddr", "dport", "proto", "fibIdx"],
      properties: { saddr: ipv4, sport: port, daddr: ipv4, dport: port, proto: str, fibIdx: integer },
    },
    rewrite: { type: "object", properties: { saddr: ipv4, sport: port, daddr: ipv4, dport: port, icmpId: integer, txfib: integer } },
  },
} as const;

const nat = {
  type: "object",
  required: ["kind", "swIfIndex"],
  properties: {
    kind: { enum: ["in2out", "out2in"] },
    path: { enum: ["fast", "slow"] },
    output: { type: "boolean" },
    swIfIndex: integer,
    nextIndex: integer,
    session: integer,
    translationResult: str,
    via: { enum: ["i2of", "o2if"] },
    i2of: natFlow,
    o2if: natFlow,
    searchKey: {
      type: "object",
      required: ["local", "localPort", "remote", "remotePort", "proto", "fib", "threadIndex", "sessionIndex"],
      properties: { local: ipv4, localPort: port, remote: ipv4, remotePort: port, proto: str, fib: integer, threadIndex: integer, sessionIndex: integer },
    },
    lookupSkipped: { type: "boolean" },
    slowPathReason: str,
    tcpState: str,
  },
} as const;



const record = {
  type: "object",
  required: ["kind", "node", "time", "file", "line", "fields", "raw"],
  properties: {
    kind: str,
    node: str,
    time: {
      oneOf: [
        { type: "null" },
        { type: "object", required: ["raw", "seconds", "form"], properties: { raw: str, seconds: { type: "number" }, form: { enum: ["relative", "unix", "datetime"] } } },
      ],
    },
    file: str,
    line: { type: "integer", minimum: 1 },
    headerless: { type: "boolean" },
    headerRest: str,
    fields: {
      type: "object",
      properties: {
        ip4,
        ip6,
        l4,
        acl,
        nat,
        natClassify: { type: "object", properties: { next: str, fragmentCached: { type: "boolean" } } },
        natPre: { type: "object", required: ["direction", "nextIndex", "arcNextIndex"], properties: { direction: { enum: ["in2out", "out2in"] } } },
        afPacket: { type: "object", properties: { block: { type: "object" }, tpacket: { type: "object" }, vnetHdr: { type: "object" } } },
        reassembly: { type: "object", required: ["action"], properties: { action: str } },
        arp: { type: "object", required: ["opcode", "hardware", "protocol"], properties: { opcode: str, senderIp: ipv4, targetIp: ipv4 } },
        ether: { type: "object", required: ["type", "src", "dst"] },
        rewrite: { type: "object", required: ["txSwIfIndex"] },
        hexdump: { type: "object", required: ["bytes", "length"], properties: { bytes: { type: "string", pattern: "^([0-9a-f]{2})*$" } } },
        kv: { type: "object", additionalProperties: { type: ["string", "number"] } },
      },
    },
    raw: { type: "array", items: str },
  },
} as const;

export const packetSchema = {
  $id: "https://vpptrace.dev/schemas/packet.json",
  type: "object",
  required: ["index", "file", "thread", "number", "label", "line", "records"],
  properties: {
    index: { type: "integer", minimum: 1 },
    file: str,
    thread: { oneOf: [{ type: "null" }, { type: "object", required: ["index", "name"], properties: { index: integer, name: str } }] },
    number: { type: ["integer", "null"] },
    label: str,
    line: integer,
    records: { type: "array", items: record },
    incomplete: { type: "boolean" },
  },
} as const;

export const diagnosticSchema = {
  type: "object",
  required: ["severity", "file", "line", "column", "message"],
  properties: {
    severity: { enum: ["error", "warning", "info"] },
    file: str,
    line: { type: "integer", minimum: 1 },
    column: { type: "integer", minimum: 1 },
    message: str,
  },
} as const;

export const parseDocumentSchema = {
  $id: "https://vpptrace.dev/schemas/parse.json",
  type: "object",
  required: ["packets", "diagnostics"],
  properties: {
    packets: { type: "array", items: packetSchema },
    diagnostics: { type: "array", items: diagnosticSchema },
  },
} as const;
