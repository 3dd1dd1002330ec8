/**
 * The vpptrace command line: commander wiring, errors turned into one line and an exit
 * code — 0, 1 or 2, nothing else. Nothing here touches `process`; bin.ts does.
 */
import { Command, CommanderError } from "commander";
import { checkCommand } from "./commands/check.js";
import { diffCommand } from "./commands/diff.js";
import { expectCommand } from "./commands/expect.js";
import { parseCommand } from "./commands/parse.js";
import { reportCommand } from "./commands/report.js";
import { scenariosCommand } from "./commands/scenarios.js";
import { schemaCommand } from "./commands/schema.js";
import { UsageError, type CliIo } from "./io.js";
import { withInputOptions } from "./options.js";
import { withConfigOptions } from "./config-option.js";
import { completionCommand } from "./commands/completion.js";
import { PROGRAM_HELP, withConventions } from "./conventions.js";
import { withColourOptions } from "./colour.js";
import { VERSION } from "./version.js";

export { VERSION } from "./version.js";

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const setExitCode = (code: number): void => {
    exitCode = code;
  };
  const program = new Command("vpptrace")
    .description("Read FD.io VPP `show trace` output: parse, check, expect, diff, report")
    .version(VERSION, "-V, --version", "print the version and exit")
    .option("-v, --verbose", "with an internal error, print where it happened")
    // Options before the command are the program's, after it the command's: `check -v`
    // stays check's own --verbose.
    .enablePositionalOptions()
    .addHelpText("after", PROGRAM_HELP)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const commands = [parseCommand, checkCommand, expectCommand, diffCommand, reportCommand, scenariosCommand, schemaCommand].map((make) => make(io, setExitCode));
  for (const command of [...commands, completionCommand(program, io)]) {
    program.addCommand(withConventions(withColourOptions(withConfigOptions(withInputOptions(command)))).exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }));
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
