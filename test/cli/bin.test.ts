import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../helpers.js";

// What `npm install` links as `vpptrace`: the bundled CLI.
const bin = join(root, (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { bin: { vpptrace: string } }).bin.vpptrace);

describe.skipIf(!existsSync(bin))("the installed vpptrace binary", () => {
  it("parses a sample from a file and exits 0", () => {
    const run = spawnSync(process.execPath, [bin, "parse", "-f", "ndjson", "samples/pod-to-host-request.txt"], { cwd: root, encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).records).toHaveLength(9);
  }, 60_000);

  it("answers garbage on stdin with exit 2 and one line, never a stack trace", () => {
    const run = spawnSync(process.execPath, [bin, "parse"], { cwd: root, input: Buffer.from([0xff, 0xfd, 0x00, 0x41]), encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^vpptrace: -:1:3: error: the input is binary data \(a NUL byte\), not `show trace` text/);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  }, 60_000);
});
