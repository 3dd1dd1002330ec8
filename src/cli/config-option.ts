/**
 * `--config FILE` / `--no-config`, and the search for a configuration file when neither is
 * given: `vpptrace.config.yaml`, `.yml` or `.json` in the current folder, then in each
 * folder above it, the first found winning (as ESLint and Prettier look for theirs). What
 * the command line says overrides what the file says.
 */
import { Option, type Command } from "commander";
import { dirname, isAbsolute, join } from "node:path";
import type { Config } from "../config/load.js";
import { levelSeverity } from "../config/levels.js";
import type { Verdict } from "../model/findings.js";
import type { Severity } from "../model/trace.js";
import { UsageError, type CliIo } from "./io.js";
import { ioReason } from "../input/errors.js";

export const CONFIG_NAMES = ["vpptrace.config.yaml", "vpptrace.config.yml", "vpptrace.config.json"];

/** Configuration files are a few lines; a larger one is refused unread. */
const MAX_CONFIG_BYTES = 1 << 20;

/** The commands a configuration file applies to. */
const CONFIGURED = new Set(["check", "diff", "report"]);

export function withConfigOptions(command: Command): Command {
  if (!CONFIGURED.has(command.name())) return command;
  return command
    .addOption(new Option("--config <file>", `configuration file; by default the nearest ${CONFIG_NAMES.join(", ")} from the current folder up`))
    .addOption(new Option("--no-config", "use no configuration file"));
}

const missing = (error: unknown): boolean => ["ENOENT", "ENOTDIR"].includes((error as NodeJS.ErrnoException).code ?? "");

/** The text of the first configuration file from `cwd` up, with its path. */
async function discover(cwd: string, io: CliIo): Promise<[file: string, text: string] | undefined> {
  for (let dir = cwd; ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const file = join(dir, name);
      try {
        return [file, await io.readFile(file, MAX_CONFIG_BYTES)];
      } catch (error) {
        if (!missing(error)) throw new UsageError(`${file}:1:1: error: cannot read the configuration: ${ioReason(error)}`);
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

async function named(file: string, io: CliIo): Promise<[file: string, text: string]> {
  const path = isAbsolute(file) || io.cwd === undefined ? file : join(io.cwd, file);
  try {
    return [path, await io.readFile(path, MAX_CONFIG_BYTES)];
  } catch (error) {
    throw new UsageError(`${file}:1:1: error: cannot read the configuration: ${ioReason(error)}`);
  }
}

/** `option`: `--config`'s file, false for `--no-config`, undefined to search (only when the
 *  io knows the current folder). */
export async function readConfig(option: string | boolean | undefined, io: CliIo): Promise<Config | undefined> {
  if (option === false) return undefined;
  const found = typeof option === "string" ? await named(option, io) : io.cwd === undefined ? undefined : await discover(io.cwd, io);
  if (found === undefined) return undefined;
  const [file, text] = found;
  if (text.length > MAX_CONFIG_BYTES) throw new UsageError(`invalid configuration: ${file}:1:1: more than ${MAX_CONFIG_BYTES} bytes; a configuration is a few lines`);
  // YAML, the schema's validator and the rule table load only when there is a file to read.
  const { ConfigError, loadConfig } = await import("../config/load.js");
  try {
    return loadConfig(text, file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const [first, ...others] = error.problems;
    throw new UsageError(others.length === 0 ? `invalid configuration: ${first}` : `invalid configuration:\n  ${error.problems.join("\n  ")}`);
  }
}

export interface CheckSettings {
  cluster?: string;
  rule: string[];
  skip: string[];
  failOn?: Verdict[];
  severities: Record<string, Severity>;
}

/** `check`'s options with the configuration under them: a rule the file turns off still
 *  runs when `--rule` names it; `--cluster` and `--fail-on` replace the file's. */
export function checkSettings(cli: Omit<CheckSettings, "severities">, config: Config | undefined): CheckSettings {
  if (config === undefined) return { ...cli, severities: {} };
  const levels = Object.entries(config.rules);
  const off = levels.filter(([id, level]) => level === "off" && !cli.rule.includes(id)).map(([id]) => id);
  const severities: Record<string, Severity> = {};
  for (const [id, level] of levels) {
    const severity = levelSeverity(level);
    if (severity !== undefined) severities[id] = severity;
  }
  return { cluster: cli.cluster ?? config.cluster, rule: cli.rule, skip: [...new Set([...cli.skip, ...off])], failOn: cli.failOn ?? config.failOn, severities };
}

/** `diff`'s masks: `--strict` or the file's, the file's ignored fields and the command
 *  line's, `--only` in place of the file's. */
export function diffSettings(cli: { strict?: boolean; ignore: string[]; only: string[] }, config: Config | undefined): { strict?: boolean; ignore: string[]; only: string[] } {
  if (config === undefined) return cli;
  return { strict: cli.strict ?? config.diff.strict, ignore: [...config.diff.ignore, ...cli.ignore], only: cli.only.length > 0 ? cli.only : config.diff.only };
}
