/**
 * The README's main command, run as a new user types it: through the built bin and its shell
 * line, not through runCli. A command the README states that no longer holds fails here
 * (package/fresh-clone.test.ts runs it in a fresh clone, after `npm install`).
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sampleFiles } from "../helpers.js";

const root = join(import.meta.dirname, "..", "..");

/** The main-job line of the README's quick start, without the `npm install &&` before it. */
function quickStartCommand(): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const line = readme.split("\n").find((l) => l.includes("# the main job"));
  if (line === undefined) throw new Error("README.md states no main-job command");
  return line.replace(/#.*$/, "").replace(/^npm install &&/, "").trim();
}

describe("the README's quick start", () => {
  it("checks the shipped samples through the installed bin and exits 0", async () => {
    const command = quickStartCommand();
    // The CLI `npm install` built, not npx (which would build the checkout again in its cache).
    expect(command).toMatch(/^node dist\/cli\/vpptrace\.js check /);
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile("sh", ["-c", command], { cwd: root, maxBuffer: 16 << 20 }, (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr }));
    });
    expect(run.stderr).not.toContain("Permission denied");
    expect(run.code).toBe(0);
    const n = sampleFiles().length;
    expect(run.stdout).toContain(`${n} packets: ${n} conform, 0 violate, 0 unchecked, 0 incomplete`);
  }, 120_000);
});
