/**
 * The vpptrace command line: commander wiring, errors turned into one line and an exit
 * code — 0, 1 or 2, nothing else. Nothing here touches `process`; bin.ts does.
 */
import { Command, CommanderError } from "commander";
import { UsageError, type CliIo } from "./io.js";
import { withInputOptions } from "./options.js";

export const VERSION = "0.1.0";

type MakeCommand = (io: CliIo, setExitCode: (code: number) => void) => Command;

/**
 * Each command's module, imported only when it runs: a CI gate over many small captures
 * starts vpptrace once per file, and `--version` or `scenarios` should not pay for the
 * grammar, the rules and the cluster schema. The order is the order of `--help`.
 */
const COMMANDS: Record<string, () => Promise<MakeCommand>> = {
  parse: async () => (await import("./commands/parse.js")).parseCommand,
  check: async () => (await import("./commands/check.js")).checkCommand,
  expect: async () => (await import("./commands/expect.js")).expectCommand,
  diff: async () => (await import("./commands/diff.js")).diffCommand,
  report: async () => (await import("./commands/report.js")).reportCommand,
  paths: async () => (await import("./commands/paths.js")).pathsCommand,
  pcap: async () => (await import("./commands/pcap.js")).pcapCommand,
  scenarios: async () => (await import("./commands/scenarios.js")).scenariosCommand,
  schema: async () => (await import("./commands/schema.js")).schemaCommand,
};

const VERSION_FLAGS = new Set(["-V", "--version"]);

/** The commands this command line needs defined: the one it names; none for `--version`;
 *  every one for help, a mistyped name or nothing at all, whose answers list them all. */
function commandsNeeded(argv: string[]): string[] {
  const word = argv.find((a) => !a.startsWith("-"));
  if (word !== undefined && Object.hasOwn(COMMANDS, word)) return [word];
  if (word === undefined && argv.length > 0 && argv.every((a) => VERSION_FLAGS.has(a))) return [];
  return Object.keys(COMMANDS);
}

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
  try {
    for (const name of commandsNeeded(argv)) {
      const command = (await COMMANDS[name]())(io, setExitCode);
      program.addCommand(withInputOptions(command).exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }));
    }
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
