import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTrace } from "../../src/trace/index.js";
import { hasSharedTraces, sharedTraceFiles, sharedTracesDir } from "../helpers.js";

/** Trace entries that share their node's header with the entry before (VPP prints a header
 *  only when the node changes): #005 has two vxlan-gpe-encap-ioam-v4 entries under one. */
const SHARED_HEADER_ENTRIES: Record<string, number> = { "005": 1 };

describe.skipIf(!hasSharedTraces)("real traces from public sources (../shared/traces)", () => {
  it.each(sharedTraceFiles())("%s parses with no error diagnostic and keeps every header", (name) => {
    const text = readFileSync(join(sharedTracesDir, name), "utf8");
    const parsed = parseTrace(text, { file: name });
    expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const headers = text.match(/^\s*\d{1,2}:\d\d:\d\d:\d{6}: \S+\s*$/gm) ?? [];
    expect(parsed.packets.flatMap((p) => p.records).length).toBe(headers.length + (SHARED_HEADER_ENTRIES[name.slice(0, 3)] ?? 0));
  });

  it("reads the 50 packets of VPP's own 17.01 test log behind its logger prefix", () => {
    const name = sharedTraceFiles().find((f) => f.startsWith("007-"))!;
    const { packets } = parseTrace(readFileSync(join(sharedTracesDir, name), "utf8"), { file: name });
    expect(packets).toHaveLength(50);
    expect(packets.every((p) => p.thread?.name === "vpp_main")).toBe(true);
    expect(packets[49].number).toBe(50);
  });

  it("decodes the rewrite of an L3 tun adjacency whose hex dump starts at the IPv4 header", () => {
    const name = sharedTraceFiles().find((f) => f.startsWith("015-"))!;
    const { packets } = parseTrace(readFileSync(join(sharedTracesDir, name), "utf8"), { file: name });
    const rewrite = packets[0].records.find((r) => r.node === "ip4-rewrite")!;
    expect(rewrite.fields.rewrite).toMatchObject({ txSwIfIndex: 6, via: "0.0.0.0", interface: "tun4", mtu: 9000, next: 8 });
    expect(rewrite.fields.hexdump?.ether).toBeUndefined();
    expect(rewrite.fields.hexdump?.ip4).toMatchObject({ offset: 0, ttl: 63, src: "11.96.0.1", dst: "11.0.166.133", srcPort: 443 });
  });
});
