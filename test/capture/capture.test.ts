/** Capturing through a vppctl: a fake VPP answers from the lab's dump and trace, so the
 *  commands capture runs, the capture file it writes and its failures are seen; the real
 *  VPP is test/lab/capture.test.ts's. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureNode, CaptureError, inputNodesFor, type VppctlRunner } from "../../src/capture/index.js";
import { readCaptureFile } from "../../src/dataplanes/vpp-state/index.js";
import { root } from "../helpers.js";

const fixture = (name: string): string => readFileSync(join(root, "test", "fixtures", "lab-26.06", name), "utf8");

/** A VPP that answers each `show` from the lab's dump, `show trace` from a lab trace. */
function fakeVpp(trace = fixture("06-pod-to-service-backend-same-node.vpp1.txt")): { run: VppctlRunner; asked: string[] } {
  const outputs = new Map<string, string>();
  for (const section of fixture("state.vpp1.txt").split(/^vpp# /m).slice(1)) {
    const [command, ...body] = section.split("\n");
    outputs.set(command.trim(), body.join("\n"));
  }
  const asked: string[] = [];
  const run: VppctlRunner = async (words) => {
    const command = words.join(" ");
    asked.push(command);
    if (command === "show version") return { stdout: "vpp v26.06-release built by root on vm\n", stderr: "", code: 0 };
    if (command.startsWith("show trace")) return { stdout: trace, stderr: "", code: 0 };
    if (command.startsWith("trace add") || command === "clear trace") return { stdout: "", stderr: "", code: 0 };
    return { stdout: outputs.get(command) ?? outputs.get(command.replace("show bridge-domain", "show bridge-domain 1 detail")) ?? "", stderr: "", code: 0 };
  };
  return { run, asked };
}

const noWait = { sleep: async () => undefined };

describe("capture", () => {
  it("traces the input nodes the interfaces need and writes the trace with the node's state", async () => {
    const vpp = fakeVpp();
    const captured = await captureNode(vpp.run, { packets: 50, duration: 3, inputNodes: [], ...noWait });
    expect(vpp.asked).toEqual(expect.arrayContaining(["clear trace", "trace add af-packet-input 50", "show trace max 50", "show ip fib table 0", "show interface features host-lv1a"]));
    expect(captured.packets).toBe(10);
    const file = readCaptureFile("capture.txt", captured.text, "vpp1");
    expect(file.state.empty).toBe(false);
    expect(file.state.node.interfaces.find((i) => i.name === "host-lv1a")?.features?.["ip4-unicast"]).toContain("nat44-ed-classify");
    expect(file.traceText?.match(/^Packet \d+/gm)).toHaveLength(10);
  });

  it("says so when no packet was traced", async () => {
    await expect(captureNode(fakeVpp("No packets in trace buffer\n").run, { packets: 5, duration: 2, inputNodes: [], ...noWait })).rejects.toThrow(/no packet was traced on af-packet-input in 2 s/);
  });

  it("says so when the command does not answer like VPP", async () => {
    const run: VppctlRunner = async () => ({ stdout: "hello\n", stderr: "", code: 0 });
    await expect(captureNode(run, { packets: 5, duration: 1, inputNodes: [], ...noWait })).rejects.toThrow(CaptureError);
  });

  it("says which command failed and how", async () => {
    const run: VppctlRunner = async () => ({ stdout: "", stderr: "clib_socket_init: connect (fd 3, '/run/vpp/cli.sock'): No such file or directory\n", code: 1 });
    await expect(captureNode(run, { packets: 5, duration: 1, inputNodes: [], ...noWait })).rejects.toThrow("vppctl failed on 'show version' (exit 1): clib_socket_init: connect (fd 3, '/run/vpp/cli.sock'): No such file or directory");
  });

  it("knows the input node of each kind of interface", () => {
    expect(inputNodesFor(["host-lv1a", "tap0", "GigabitEthernet0/8/0", "loop0", "vxlan_tunnel0", "local0"])).toEqual(["af-packet-input", "tap-input", "virtio-input", "dpdk-input"]);
  });
});
