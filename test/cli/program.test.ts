import { describe, expect, it } from "vitest";
import { runCliCapture } from "../helpers.js";

// Commands load only when named (program.ts): whatever is loaded, the answers stay whole.
describe("the command line, loading only the command it names", () => {
  it("answers --version and -V without any command", async () => {
    expect(await runCliCapture(["--version"])).toEqual({ code: 0, stdout: "0.1.0\n", stderr: "" });
    expect(await runCliCapture(["-V"])).toEqual({ code: 0, stdout: "0.1.0\n", stderr: "" });
  });

  it("lists every command in its help and for a mistyped one", async () => {
    const commands = ["parse", "check", "expect", "diff", "report", "paths", "pcap", "scenarios", "schema"];
    const help = await runCliCapture(["--help"]);
    for (const name of commands) expect(help.stdout).toMatch(new RegExp(`^  ${name}\\b`, "m"));
    const typo = await runCliCapture(["chek", "samples/pod-to-host-request.txt"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown command 'chek'.*\(Did you mean check\?\)/s);
  });

  it("takes a word that names a property of every object for no command", async () => {
    for (const word of ["constructor", "toString", "__proto__"]) expect((await runCliCapture([word])).code).toBe(2);
  });

  it("runs the named command with its own options", async () => {
    const run = await runCliCapture(["scenarios"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split("\n")).toHaveLength(9);
  });
});
