/**
 * The vpptrace command line: commander wiring, errors turned into one line and an exit
 * code — 0, 1 or 2, nothing else. Nothing here touches `process`; bin.ts does.
 */
import { Command, CommanderError } from "commander";
import { checkCommand } from "./commands/check.js";
import { diffCommand } from "./commands/diff.js";
import { expectCommand } from "./commands/expect.js";
import { parseCommand } from "./commands/parse.js";
import { pathsCommand } from "./commands/paths.js";
import { pcapCommand } from "./commands/pcap.js";
import { reportCommand } from "./commands/report.js";
import { scenariosCommand } from "./commands/scenarios.js";
import { schemaCommand } from "./commands/schema.js";
import { UsageError, type CliIo } from "./io.js";
import { withInputOptions } from "./options.js";

export const VERSION = "0.1.0";

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const setExitCode = (code: number): void => {
    exitCode = code;
  };
  const program = new Command("vpptrace")
    .description("Read FD.io VPP `show trace` output: parse, check, expect, diff, report")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const command of [parseCommand, checkCommand, expectCommand, diffCommand, reportCommand, pathsCommand, pcapCommand, scenariosCommand, schemaCommand].map((make) => make(io, setExitCode))) {
    program.addCommand(withInputOptions(command).exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }));
  }
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      io.stderr(`vpptrace: ${error.message}\n`);
      return 2;
    }
    // No exit code of its own: 2 says "not done", which a CI gate treats as a failure, and
    // a bug must not look like a violation (1). One line; --verbose adds where it happened.
    const verbose = argv.includes("--verbose") || argv.includes("-v");
    const stack = verbose && error instanceof Error && error.stack !== undefined ? `\n${error.stack}` : " (a bug in vpptrace: please report it)";
    io.stderr(`vpptrace: internal error: ${(error as Error).message}${stack}\n`);
    return 2;
  }
}
