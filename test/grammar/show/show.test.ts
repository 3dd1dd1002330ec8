/** The `show` dump grammar: sections by prompt, commands resolved from abbreviations, each
 *  known command read line by line (tables by their headers), unknown commands noted and
 *  garbled lines located — on the lab's 26.06 dumps and the public samples of 17.x–26.x. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseShowDump, resolveCommand } from "../../../grammar/show/index.js";
import { root } from "../../helpers.js";

const lab = (name: string): string => readFileSync(join(root, "test", "fixtures", "lab-26.06", name), "utf8");
const samplesDir = join(root, "..", "shared", "reference", "vpp-show");
const samples = (() => {
  try {
    return readdirSync(samplesDir).filter((f) => f.endsWith(".txt"));
  } catch {
    return [];
  }
})();

describe("the show dump grammar", () => {
  it("cuts the lab's dump into one section per prompt and reads every known command", () => {
    const dump = parseShowDump(lab("state.vpp1.txt"));
    const commands = dump.sections.map((s) => s.data.command);
    expect(commands).toEqual(expect.arrayContaining(["version", "interface", "interface-address", "ip-fib", "ip-neighbors", "bridge-domain", "vxlan-tunnel", "l2fib", "nat44-interfaces", "nat44-static-mappings", "nat44-addresses", "mode", "acl", "acl-interface", "interface-features"]));
    expect(dump.diagnostics.filter((d) => d.severity === "warning")).toEqual([]);
    expect(dump.diagnostics.map((d) => d.message)).toContain("'show errors' is not a command vpptrace reads: its 15 lines are skipped");
  });

  it("reads the rows of the lab's interfaces, FIB, tunnel and mappings", () => {
    const dump = parseShowDump(lab("state.vpp1.txt"));
    const of = <C extends string>(c: C) => dump.sections.find((s) => s.data.command === c)!.data as never;
    expect((of("interface") as { rows: { name: string; index: number }[] }).rows.map((r) => [r.name, r.index])).toContainEqual(["host-lv1a", 2]);
    const fib = (of("ip-fib") as { rows: { prefix: string; dpos: unknown[] }[] }).rows;
    expect(fib.find((r) => r.prefix === "10.1.2.0/24")?.dpos).toEqual([{ kind: "via", via: "192.168.30.2", iface: "loop0", incomplete: false }]);
    expect(fib.find((r) => r.prefix === "172.30.1.0/24")?.dpos).toEqual([{ kind: "glean", iface: "host-lv1h" }]);
    expect(fib.find((r) => r.prefix === "10.2.1.2/32")?.dpos).toEqual([{ kind: "receive", address: "10.2.1.2", iface: "host-lv1a" }]);
    expect((of("vxlan-tunnel") as { rows: unknown[] }).rows).toEqual([{ instance: 0, src: "192.168.16.1", dst: "192.168.16.2", vni: 10, dstPort: 4789, swIfIndex: 6, line: expect.any(Number) }]);
    const mappings = (of("nat44-static-mappings") as { rows: { external: unknown; flags: string[] }[] }).rows;
    expect(mappings[0]).toMatchObject({ proto: "TCP", locals: [{ address: "10.1.1.3", port: 8080 }], external: { address: "10.96.0.10", port: 80 }, flags: ["out2in-only"] });
  });

  it("resolves the abbreviations and aliases VPP's CLI accepts", () => {
    expect(resolveCommand("sh int addr")).toMatchObject({ command: "interface-address" });
    expect(resolveCommand("sh ip arp")).toMatchObject({ command: "ip-neighbors" });
    expect(resolveCommand("show bridge-domain 1 detail")).toMatchObject({ command: "bridge-domain", args: ["1", "detail"] });
    expect(resolveCommand("show interface GigabitEthernet3/0/0 features")).toMatchObject({ command: "interface-features", args: ["GigabitEthernet3/0/0"] });
    expect(resolveCommand("show nat44 ei static mappings")).toMatchObject({ command: "nat44-static-mappings", ei: true });
    expect(resolveCommand("show runtime")).toBeUndefined();
  });

  it("takes the prompt of vppctl, of a shell, of sudo and of kubectl exec", () => {
    for (const prompt of ["vppctl -s /run/vpp/cli.sock show mode", "$ sudo vppctl show mode", "$ kubectl exec -n calico-vpp-dataplane vpp-x -c vpp -- vppctl show mode", "DBGvpp# sh mode"]) {
      const dump = parseShowDump(`${prompt}\nl3 local0\nl2 bridge loop0 bd_id 1 bvi shg 0\n`);
      expect(dump.sections.map((s) => s.data), prompt).toEqual([{ command: "mode", rows: [expect.objectContaining({ name: "local0", mode: "l3" }), expect.objectContaining({ name: "loop0", mode: "bridge", bd: 1, bvi: true })] }]);
    }
  });

  it("reads a neighbour row whose Flags column is empty under its header", () => {
    const dump = parseShowDump("vpp# show ip neighbor\n   Time      FIB        IP4       Flags      Ethernet              Interface\n   346.3028   0       6.1.1.3            de:ad:be:ef:ba:be   GigabitEthernet2/0/0\n");
    expect(dump.sections[0].data).toEqual({ command: "ip-neighbors", rows: [{ ip: "6.1.1.3", mac: "de:ad:be:ef:ba:be", iface: "GigabitEthernet2/0/0", isStatic: false, line: 3 }] });
  });

  it("warns about a line a known command does not print, with its line and column", () => {
    const dump = parseShowDump("vpp# show nat44 interfaces\nNAT44 interfaces:\n host-lv1a in out\n  this is not a role\n");
    expect(dump.diagnostics).toEqual([{ severity: "warning", line: 4, column: 3, message: "show nat44 interfaces: expected 'NAME [output-feature] in|out|in out', found 'this is not a role'" }]);
  });

  it("skips a command whose output went through a pipe, with a note", () => {
    const dump = parseShowDump("$ vppctl show int addr | grep 11.0.0.1\n  L3 11.0.0.1/32\n");
    expect(dump.sections).toEqual([]);
    expect(dump.diagnostics[0]).toMatchObject({ severity: "note", line: 1 });
  });

  it.skipIf(samples.length === 0)("reads every public sample of 17.x–26.x without a warning", () => {
    const warned = samples.flatMap((f) => parseShowDump(readFileSync(join(samplesDir, f), "utf8")).diagnostics.filter((d) => d.severity === "warning").map((d) => `${f}:${d.line}: ${d.message}`));
    expect(warned).toEqual([]);
  });
});
