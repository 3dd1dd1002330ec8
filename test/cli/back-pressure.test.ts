import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { sampleText } from "../helpers.js";

const packet = sampleText("pod-to-host-request.txt").replace(/^[^\n]*\n-+\n/, "");
const chunks = Array.from({ length: 40 }, (_, i) => Buffer.from(`Packet ${i + 1}\n\n${packet}\n`));

/** A run of the CLI whose standard output takes nothing until released. */
function slowReader(argv: string[]) {
  let pulled = 0;
  let written = "";
  const waiting: (() => void)[] = [];
  let finished = false;
  const done = runCli(argv, {
    stdout: (t) => void (written += t),
    stderr: () => undefined,
    readFile: async () => "",
    drained: () => new Promise<void>((resolve) => waiting.push(resolve)),
    readBytes: async function* () {
      for (const chunk of chunks) {
        pulled++;
        yield chunk;
      }
    },
  }).then((code) => {
    finished = true;
    return code;
  });
  const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 20));
  return {
    pulled: () => pulled,
    /** Until the run waits on the output (or ends without ever waiting). */
    async blocked(): Promise<void> {
      while (waiting.length === 0 && !finished) await settle();
      await settle();
    },
    written: () => written,
    settle,
    async releaseAll(): Promise<number> {
      while (!finished) {
        waiting.splice(0).forEach((r) => r());
        await settle();
      }
      return done;
    },
  };
}

describe("streamed output waits for a slow reader", () => {
  for (const argv of [["parse", "-f", "ndjson", "t.txt"], ["parse", "-f", "json", "t.txt"], ["check", "t.txt"]]) {
    it(`${argv.slice(0, 3).join(" ")} reads no further while the output has not drained`, async () => {
      const run = slowReader(argv);
      await run.blocked();
      // Reading stops within a chunk or two of the first write that was not taken.
      expect(run.pulled()).toBeLessThanOrEqual(2);
      expect(await run.releaseAll()).toBeLessThanOrEqual(1);
      expect(run.pulled()).toBe(chunks.length);
      expect(run.written()).not.toBe("");
    }, 60_000);
  }
});
