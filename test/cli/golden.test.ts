/**
 * Every command's output on the samples, byte for byte, against files recorded from the
 * version before the bundled CLI and the lazy decoding: speed work must change no output.
 * A deliberate change of output is recorded with `npx vitest run test/cli/golden -u`.
 */
import { spawnSync } from "node:child_process";
import { gunzipSync } from "node:zlib";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root, runCliCapture, sampleFiles } from "../helpers.js";

const samples = sampleFiles().map((f) => `samples/${f}`);
const cluster = ["--cluster", "samples/cluster.yaml"];
const one = "samples/pod-to-service-other-node-request-client-node.txt";

const GOLDEN_RUNS: Record<string, string[]> = {
  "parse-text": ["parse", one],
  "parse-json": ["parse", "-f", "json", ...samples],
  "parse-ndjson": ["parse", "-f", "ndjson", ...samples],
  "check-text": ["check", ...cluster, ...samples],
  "check-json": ["check", "-f", "json", ...cluster, ...samples],
  "check-junit": ["check", "-f", "junit", ...cluster, ...samples],
  "check-tap": ["check", "-f", "tap", ...cluster, ...samples],
  "check-text-no-cluster": ["check", ...samples],
  "diff-text": ["diff", "samples/pod-to-service-same-node-request.txt", "samples/pod-to-service-other-node-request-client-node.txt"],
  "diff-json": ["diff", "-f", "json", "samples/pod-to-service-same-node-request.txt", "samples/pod-to-service-other-node-request-client-node.txt"],
  "diff-same": ["diff", one, one],
  "report-html": ["report", ...cluster, "-o", "-", ...samples],
};

/**
 * The output as recorded: the HTML report's section data as its JSON lines (gunzipped from
 * base64, so that a change shows in the diff), and its script and the script's hash left
 * out — the script carries the drawing code as compiled, which the bundle minifies (the
 * browser tests run it).
 */
function readable(stdout: string): string {
  return stdout
    .replace(/<script type="application\/octet-stream" id="(chunk-\d+)">([^<]*)<\/script>/g, (_, id: string, data: string) => `<!-- ${id}, gunzipped -->\n${gunzipSync(Buffer.from(data, "base64")).toString("utf8")}\n<!-- end of ${id} -->`)
    .replace(/<script>[\s\S]*?<\/script>/, "<script>(the page's script)</script>")
    .replace(/script-src 'sha256-[^']*'/, "script-src 'sha256-(the script's hash)'");
}

describe("output of every command on the samples", () => {
  for (const [name, argv] of Object.entries(GOLDEN_RUNS)) {
    it(`${name} is byte-identical to the recorded one`, async () => {
      const run = await runCliCapture(argv);
      await expect(`exit ${run.code}\n--- stdout\n${readable(run.stdout)}--- stderr\n${run.stderr}`).toMatchFileSnapshot(`golden/${name}.txt`);
    }, 60_000);
  }
});

// What `npm install` links as `vpptrace`: the bundle, whose cluster validator ajv generated at
// build time and whose commands load on demand, must answer as the sources do.
const bin = join(root, (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { bin: { vpptrace: string } }).bin.vpptrace);

describe.skipIf(!existsSync(bin))("output of the bundled CLI on the samples", () => {
  for (const [name, argv] of Object.entries(GOLDEN_RUNS)) {
    it(`${name} is byte-identical to the recorded one`, async () => {
      const run = spawnSync(process.execPath, [bin, ...argv], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 });
      await expect(`exit ${run.status}\n--- stdout\n${readable(run.stdout)}--- stderr\n${run.stderr}`).toMatchFileSnapshot(`golden/${name}.txt`);
    }, 60_000);
  }

  it("reports a broken cluster file as the sources do", async () => {
    const broken = ["check", "--cluster", "test/fixtures/broken-cluster.yaml", "samples/pod-to-host-request.txt"];
    const bundled = spawnSync(process.execPath, [bin, ...broken], { cwd: root, encoding: "utf8" });
    const sources = await runCliCapture(broken);
    expect(sources.code).toBe(2);
    expect(sources.stderr).toMatch(/broken-cluster\.yaml:\d+:\d+: /);
    expect({ code: bundled.status, stderr: bundled.stderr }).toEqual({ code: sources.code, stderr: sources.stderr });
  }, 60_000);
});
