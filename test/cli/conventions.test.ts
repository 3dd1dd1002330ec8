import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { VERSION } from "../../src/cli/program.js";
import { runCliCapture, root } from "../helpers.js";
import { badTtlTrace } from "../rules/fault.js";

const COMMANDS = ["parse", "check", "expect", "diff", "report", "paths", "pcap", "scenarios", "schema", "completion"];
const dir = mkdtempSync(join(tmpdir(), "vpptrace-conventions-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const badTtl = join(dir, "bad-ttl.txt");
writeFileSync(badTtl, badTtlTrace());
const ESC = "\u001b[";

describe("every command", () => {
  it("has the version package.json gives", () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version);
  });

  it("prints the version with -V and --version, at the top level and after the command", async () => {
    for (const argv of [["-V"], ["--version"], ...COMMANDS.map((c) => [c, "-V"]), ["check", "--version"]]) {
      const run = await runCliCapture(argv);
      expect(run.stdout, argv.join(" ")).toBe(`${VERSION}\n`);
      expect(run.code).toBe(0);
    }
  });

  it("takes -v and --verbose, at the top level too", async () => {
    for (const argv of [["-v", "scenarios"], ["--verbose", "scenarios"], ["scenarios", "-v"], ["schema", "--verbose", "check"]]) {
      const run = await runCliCapture(argv);
      expect(run.stderr, argv.join(" ")).toBe("");
      expect(run.code).toBe(0);
    }
  });

  it("ends its help with examples and exit codes", async () => {
    for (const argv of [["--help"], ...COMMANDS.map((c) => [c, "--help"])]) {
      const help = (await runCliCapture(argv)).stdout;
      const tail = help.slice(help.lastIndexOf("Options:"));
      expect(tail, argv.join(" ")).toMatch(/\nExamples:\n {2}\$ .*vpptrace /);
      expect(tail, argv.join(" ")).toMatch(/\nExit codes: 0/);
    }
  });
});

describe("colour", () => {
  const check = (argv: string[], io: Parameters<typeof runCliCapture>[3]) => runCliCapture(["check", ...argv, badTtl], "", 4096, io);

  it("colours verdicts and severities on a terminal, and nothing in a pipe", async () => {
    expect((await check([], { stdoutIsTTY: true, env: {} })).stdout).toContain(`${ESC}31mFAIL${ESC}39m`);
    expect((await check([], { stdoutIsTTY: true, env: {} })).stdout).toContain(`${ESC}31merror${ESC}39m: `);
    expect((await check([], { stdoutIsTTY: false, env: {} })).stdout).not.toContain(ESC);
  });

  it("respects NO_COLOR, FORCE_COLOR, --color and --no-color, in that order of strength reversed", async () => {
    expect((await check([], { stdoutIsTTY: true, env: { NO_COLOR: "1" } })).stdout).not.toContain(ESC);
    expect((await check([], { stdoutIsTTY: false, env: { FORCE_COLOR: "1" } })).stdout).toContain(ESC);
    expect((await check([], { stdoutIsTTY: true, env: { FORCE_COLOR: "0" } })).stdout).not.toContain(ESC);
    expect((await check([], { stdoutIsTTY: false, env: { FORCE_COLOR: "1", NO_COLOR: "1" } })).stdout).toContain(ESC);
    expect((await check(["--no-color"], { stdoutIsTTY: true, env: { FORCE_COLOR: "1" } })).stdout).not.toContain(ESC);
    expect((await check(["--color"], { stdoutIsTTY: false, env: { NO_COLOR: "1" } })).stdout).toContain(ESC);
  });

  it("fits the findings table to the terminal's width, wrapping what does not fit", async () => {
    const run = await check(["--no-color"], { stdoutIsTTY: true, columns: 72, env: {} });
    const table = run.stdout.split("\n").filter((l) => /^[┌│└]/.test(l));
    expect(table.length).toBeGreaterThan(4);
    for (const line of table) expect(line.length).toBeLessThanOrEqual(72);
    expect(table.join("")).toContain("ttl 64");
  });
});

const sh = (shell: string, script: string): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) =>
    execFile(shell, ["-c", script], { cwd: root }, (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code ?? -1), stdout, stderr })),
  );

describe("vpptrace completion", () => {
  it("writes a bash script that completes commands, options and --format's values", async () => {
    const script = (await runCliCapture(["completion", "bash"])).stdout;
    const file = join(dir, "vpptrace.bash");
    writeFileSync(file, script);
    expect((await sh("bash", `bash -n ${file}`)).code).toBe(0);
    const complete = async (...words: string[]) =>
      (await sh("bash", `source ${file}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _vpptrace; echo "\${COMPREPLY[*]}"`)).stdout.trim();
    expect(await complete("vpptrace", "ch")).toBe("check");
    expect((await complete("vpptrace", "check", "--c")).split(" ")).toEqual(expect.arrayContaining(["--cluster", "--config", "--color"]));
    expect(await complete("vpptrace", "check", "--format", "s")).toBe("sarif");
    expect(await complete("vpptrace", "completion", "--h")).toBe("--help");
  });

  it("writes zsh and fish scripts naming every command and check's options", async () => {
    for (const shell of ["zsh", "fish"]) {
      const script = (await runCliCapture(["completion", shell])).stdout;
      for (const command of COMMANDS) expect(script, shell).toContain(command);
      expect(script).toMatch(/cluster/);
      expect(script).toContain("text json junit tap github sarif");
    }
  });

  it("refuses a shell it does not know", async () => {
    const run = await runCliCapture(["completion", "tcsh"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Allowed choices are bash, zsh, fish");
  });
});
