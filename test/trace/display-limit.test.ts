import { describe, expect, it } from "vitest";
import { parseTrace } from "../../src/trace/index.js";
import { hasSharedTraces, runCliCapture, sharedTracesDir } from "../helpers.js";

const banner = (n: number, name: string): string => `------------------- Start of thread ${n} ${name} -------------------`;
const packets = (count: number): string =>
  Array.from({ length: count }, (_, i) => `Packet ${i + 1}\n\n00:00:01:${String(i).padStart(6, "0")}: virtio-input\n  virtio: hw_if_index 7 next-index 4 vring 0 len 74\n    hdr: flags 0x00 gso_type 0x00 hdr_len 0 gso_size 0 csum_start 0 csum_offset 0 num_buffers 1\n\n`).join("");
const warnings = (text: string): string[] =>
  parseTrace(text, { file: "t.txt" }).diagnostics.filter((d) => d.severity === "warning").map((d) => `${d.line}: ${d.message}`);

describe("display-limit detection", () => {
  it("warns about the thread cut at the limit VPP ≥ 21.06 glued to the next thread's banner, with the command to re-run", () => {
    const limit = "Limiting display to 2 packets. To display more specify max.";
    const text = `${limit}\n${banner(0, "vpp_main")}\n${packets(2)}${limit}${banner(1, "vpp_wk_0")}\n${packets(1)}`;
    expect(warnings(text)).toEqual(["1: thread 0 vpp_main shows 2 packets, the display limit VPP reported at line 1: the capture was cut; re-run `vppctl show trace max 1000` to see every packet traced"]);
  });

  it("warns that a thread of exactly 50 packets and no limit line may have been cut", () => {
    expect(warnings(`${banner(0, "vpp_main")}\n${packets(50)}`)).toEqual([
      "1: thread 0 vpp_main shows exactly 50 packets, VPP's default display limit, and no 'Limiting display' line says whether more were captured (VPP up to 21.01 prints it once, above the output): the capture may have been cut; re-run `vppctl show trace max 1000` to see every packet traced",
    ]);
  });

  it("says nothing of a thread below the limit", () => {
    expect(warnings(`${banner(0, "vpp_main")}\n${packets(49)}`)).toEqual([]);
    expect(warnings(`Limiting display to 50 packets. To display more specify max.\n${banner(0, "vpp_main")}\n${packets(3)}`)).toEqual([]);
  });

  it.skipIf(!hasSharedTraces)("warns on the real 17.01 capture that shows exactly 50 packets", async () => {
    const run = await runCliCapture(["parse", "-f", "ndjson", `${sharedTracesDir}/007-vpp-unittest-log-pg-vrf-multi-instance-17.01.txt`]);
    expect(run.stderr).toContain("warning: thread 0 vpp_main shows exactly 50 packets, VPP's default display limit");
  });
});
