/**
 * A TAPv1 build (VPP before 19.04, the guide's step 4): pods' TAPs are `tapcli-N`, the host
 * TAP `tapcli-0`, and a packet enters by `tapcli-rx`, which prints the interface's name. A
 * cluster file naming them validates, and the guide's captures rewritten as such a build
 * shows them conform.
 */
import { describe, expect, it } from "vitest";
import { ContivDataPlane, loadCluster } from "../../../src/dataplanes/contiv/index.js";
import { checkPackets } from "../../../src/rules/index.js";
import { headerViews } from "../../../src/trace/headers.js";
import { parseTrace } from "../../../src/trace/index.js";
import { sampleFiles, sampleText } from "../../helpers.js";
import { rewriteTrace } from "../../support/rewrite-trace.js";

const tapcli = (name: string): string => name.replace(/^tap(\d+)$/, "tapcli-$1");
const guide = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");
const tapv1Yaml = sampleText("cluster.yaml")
  .replace(/tap: tap(\d+)/g, "tap: tapcli-$1")
  .replace(/mainInterface: GigabitEthernet0\/8\/0/g, "mainInterface: GigabitEthernet0/8/0\n    hostTap: tapcli-0");
const tapv1 = loadCluster(tapv1Yaml, "tapv1.yaml");

/** The TAP a packet of `text` entered by: the pod's, or the host's when its source is none. */
function inputTap(text: string): string | undefined {
  const [packet] = parseTrace(text).packets;
  if (!packet.records[0]?.node.includes("virtio-input")) return undefined;
  const src = headerViews(packet)[0]?.src;
  return guide.pods.find((p) => p.ip === src)?.tap ?? "tap0";
}

/** A guide capture as a TAPv1 build prints it: TAPs renamed, virtio-input as tapcli-rx. */
function asTapv1(name: string): string {
  const text = sampleText(name);
  const taps = [...new Set(text.match(/\btap\d+\b/g) ?? [])];
  const input = inputTap(text);
  const renamed = rewriteTrace(text, { interfaces: Object.fromEntries(taps.map((t) => [t, tapcli(t)])) });
  // One sample starts without its record header (the parser takes virtio-input): give it one.
  return input === undefined ? renamed : renamed.replace(/^(?:(\S+): virtio-input\n)?\s*virtio: hw_if_index \d+ [^\n]*\n\s+hdr: [^\n]*\n/m, (_, time: string | undefined) => `${time ?? "00:00:00:000000"}: tapcli-rx\n  ${tapcli(input)}\n`);
}

describe("a TAPv1 cluster", () => {
  it("validates, with its tapcli-N names", () => {
    expect(tapv1.pods.map((p) => p.tap)).toContain("tapcli-8");
    expect(tapv1.nodes.map((n) => n.hostTap)).toEqual(["tapcli-0", "tapcli-0"]);
    expect(() => loadCluster(sampleText("cluster.yaml").replace("tap: tap8", "tap: tapcli8"), "bad.yaml")).toThrow(/bad\.yaml:\d+:\d+: \/pods\/1\/tap/);
  });

  it.each(sampleFiles())("its capture of %s conforms", (name) => {
    const text = asTapv1(name);
    if (inputTap(sampleText(name)) !== undefined) expect(text).toContain("tapcli-rx\n  tapcli-");
    const result = checkPackets(parseTrace(text, { file: name }).packets, { plane: new ContivDataPlane(tapv1) });
    expect(result.findings.map((f) => `${f.rule}@${f.line}: ${f.expected} / ${f.actual}`)).toEqual([]);
    expect(result.packets.map((p) => p.verdict)).toEqual(["conforms"]);
  });

  it("a TAPv1 capture that leaves by another tapcli than the cluster file names is egress's", () => {
    const text = asTapv1("pod-to-pod-same-node-request.txt").replace(/tapcli-8\b/g, "tapcli-9");
    const result = checkPackets(parseTrace(text, { file: "t" }).packets, { plane: new ContivDataPlane(tapv1) });
    expect(result.findings.map((f) => f.rule)).toContain("egress");
  });
});
