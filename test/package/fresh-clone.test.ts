/**
 * The README's quick start as a new user meets it: a fresh clone, an empty npm cache, then
 * the README's first line — `npm install`, which builds once, and the main command, which
 * must neither build again nor write anything outside the checkout (npx did both: it
 * installed the checkout into npm's cache and ran `prepare` there). HOME, npm's cache and
 * TMPDIR point into a folder of the test's own, which is compared before and after the
 * main command. It downloads every dependency, so it runs in CI (CI=true) or when asked
 * (VPPTRACE_FRESH_CLONE=1).
 */
import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { root, sampleFiles } from "../helpers.js";

const wanted = process.env.CI === "true" || process.env.VPPTRACE_FRESH_CLONE === "1";

/** Every file under `dir` with its size and modification time. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const s = statSync(path, { throwIfNoEntry: false });
    if (s !== undefined) files.set(path, entry.isDirectory() ? "dir" : `${s.size} ${s.mtimeMs}`);
  }
  return files;
}

const changed = (before: Map<string, string>, after: Map<string, string>): string[] =>
  [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k)).sort();

/** The README's first line: `npm install && <main command>`. */
function quickStart(): { install: string; command: string } {
  const line = readFileSync(join(root, "README.md"), "utf8").split("\n").find((l) => l.includes("# the main job"))!;
  const [install, command] = line.replace(/#.*$/, "").trim().split(" && ");
  return { install, command };
}

describe.skipIf(!wanted)("the quick start in a fresh clone with an empty npm cache", () => {
  const work = mkdtempSync(join(tmpdir(), "vpptrace-fresh-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("builds once in `npm install`, then runs the main command without building or writing outside the checkout", async () => {
    const clone = join(work, "clone");
    const outside = join(work, "outside");
    // The checkout as it stands (tracked files, with their edits): what a clone of this commit holds.
    for (const file of execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" }).split("\0").filter(Boolean)) {
      mkdirSync(dirname(join(clone, file)), { recursive: true });
      cpSync(join(root, file), join(clone, file));
    }
    for (const d of ["home", "cache", "tmp"]) mkdirSync(join(outside, d), { recursive: true });
    const env = { ...process.env, HOME: join(outside, "home"), npm_config_cache: join(outside, "cache"), TMPDIR: join(outside, "tmp"), npm_config_update_notifier: "false", NO_COLOR: "1" };
    const sh = (command: string) =>
      new Promise<{ code: number; output: string }>((resolve) =>
        execFile("sh", ["-c", command], { cwd: clone, env, maxBuffer: 64 << 20 }, (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code), output: stdout + stderr })),
      );
    const { install, command } = quickStart();
    expect(install).toBe("npm install");
    const installed = await sh(`${install} --no-audit --no-fund --foreground-scripts`);
    expect(installed.code, installed.output).toBe(0);
    expect(installed.output.match(/> vpptrace@[^ ]+ build\b/g)).toHaveLength(1);
    const bin = join(clone, "dist", "cli", "vpptrace.js");
    const built = statSync(bin).mtimeMs;
    const before = tree(outside);
    const main = await sh(command);
    expect(main.code, main.output).toBe(0);
    expect(main.output).toContain(`${sampleFiles().length} packets: ${sampleFiles().length} conform`);
    expect(statSync(bin).mtimeMs).toBe(built);
    expect(changed(before, tree(outside))).toEqual([]);
  }, 600_000);
});
