/**
 * The vpptrace command line: commander wiring, errors turned into one line and an exit
 * code — 0, 1 or 2, nothing else. Nothing here touches `process`; bin.ts does.
 */
import { Command, CommanderError } from "commander";
import { UsageError, type CliIo } from "./io.js";
import { withInputOptions } from "./options.js";
import { withConfigOptions } from "./config-option.js";
import { PROGRAM_HELP, withConventions } from "./conventions.js";
import { withColourOptions } from "./colour.js";
import { VERSION } from "./version.js";
import { escapeControl } from "../report/escape.js";

export { VERSION } from "./version.js";

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
  capture: async () => (await import("./commands/capture.js")).captureCommand,
};

const VERSION_FLAGS = new Set(["-V", "--version"]);

/** The commands this command line needs defined: the one it names; none for `--version`;
 *  every one for help, `completion` (whose scripts list every command's options), a mistyped
 *  name or nothing at all, whose answers list them all. */
function commandsNeeded(argv: string[]): string[] {
  const word = argv.find((a) => !a.startsWith("-"));
  if (word !== undefined && Object.hasOwn(COMMANDS, word)) return [word];
  if (word === undefined && argv.length > 0 && argv.every((a) => VERSION_FLAGS.has(a))) return [];
  return Object.keys(COMMANDS);
}

/** A command as every command is: the shared input, configuration, colour options and
 *  conventions (help, version), errors through the program. */
function conventional(command: Command, io: CliIo): Command {
  return withConventions(withColourOptions(withConfigOptions(withInputOptions(command)))).exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
}

/** Outputs that carry trace text as data, escaped by their own format (JSON strings, XML,
 *  HTML), or that hold none (a schema, a completion script): written as they are. */
const DATA_FORMATS = new Set(["json", "ndjson", "junit", "sarif"]);
const DATA_COMMANDS = new Set(["report", "schema", "completion"]);

/** Whether the command about to run writes text for a reader (a terminal, a CI log). */
function writesText(command: Command): boolean {
  const format = command.opts().format as string | undefined;
  return !DATA_COMMANDS.has(command.name()) && (format === undefined || !DATA_FORMATS.has(format));
}

/**
 * The I/O the commands see: every message on stderr, and text outputs on stdout, with the
 * control characters of trace text as `\xNN` (report/escape.ts): a BEL or an escape
 * sequence in a node name never reaches a terminal or a CI log raw.
 */
function escapingIo(io: CliIo): { io: CliIo; textOutput(on: boolean): void } {
  let text = true;
  const escaped: CliIo = { ...io, stdout: (t) => io.stdout(text ? escapeControl(t) : t), stderr: (t) => io.stderr(escapeControl(t)) };
  return { io: escaped, textOutput: (on) => void (text = on) };
}

export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  const escaping = escapingIo(rawIo);
  const io = escaping.io;
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
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .hook("preAction", (_program, command) => escaping.textOutput(writesText(command)));
  try {
    const needed = commandsNeeded(argv);
    for (const name of needed) program.addCommand(conventional((await COMMANDS[name]())(io, setExitCode), io));
    if (needed.length > 1) program.addCommand(conventional((await import("./commands/completion.js")).completionCommand(program, io), io));
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
