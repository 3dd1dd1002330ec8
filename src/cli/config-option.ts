/**
 * `--config FILE` / `--no-config`, and the search for a configuration file when neither is
 * given: `vpptrace.config.yaml`, `.yml` or `.json` in the current folder, then in each
 * folder above it up to the repository's root or the home folder, the first found winning
 * (as ESLint and Prettier look for theirs). Only regular files are read; two in one folder
 * are an error. What the command line says overrides what the file says; the file in use is
 * named on stderr when it changes the gate, and always under --verbose.
 */
import { Option, type Command } from "commander";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
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

/** The configuration files in one folder: those that exist, each a regular file (a FIFO or a
 *  device found by name is an error naming it, never a read that waits). */
async function candidatesIn(dir: string, io: CliIo): Promise<string[]> {
  const found: string[] = [];
  for (const name of CONFIG_NAMES) {
    const file = join(dir, name);
    const info = await io.inspectPath!(file).catch((error: unknown) => {
      throw new UsageError(`${file}:1:1: error: cannot read the configuration: ${ioReason(error)}`);
    });
    if (info.kind === "missing") continue;
    if (info.kind !== "file") throw new UsageError(`${file}:1:1: error: cannot read the configuration: it is ${info.kind === "directory" ? "a directory" : (info.what ?? "not a regular file")}, not a regular file (--no-config reads none, --config names one)`);
    found.push(file);
  }
  return found;
}

/** Where the search ends: a repository's root (a `.git` folder, or file in a worktree or a
 *  submodule) or the user's home — a file above either belongs to someone else. */
async function endsSearch(dir: string, io: CliIo): Promise<boolean> {
  const home = io.env?.HOME;
  if (home !== undefined && home !== "" && resolve(home) === dir) return true;
  return (await io.inspectPath!(join(dir, ".git")).catch(() => ({ kind: "missing" }))).kind !== "missing";
}

/** The text of the first configuration file from `cwd` up to the repository's root or the
 *  home folder, with its path; two in one folder are an error naming both. */
async function discover(cwd: string, io: CliIo): Promise<[file: string, text: string] | undefined> {
  if (io.inspectPath === undefined) return undefined;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const found = await candidatesIn(dir, io);
    if (found.length > 1) throw new UsageError(`two configuration files in '${dir}': ${found.map((f) => basename(f)).join(" and ")}; keep one, or name it with --config`);
    if (found.length === 1) {
      try {
        return [found[0], await io.readFile(found[0], MAX_CONFIG_BYTES)];
      } catch (error) {
        if (!missing(error)) throw new UsageError(`${found[0]}:1:1: error: cannot read the configuration: ${ioReason(error)}`);
      }
    }
    if (dirname(dir) === dir || (await endsSearch(dir, io))) return undefined;
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
  let config: Config;
  try {
    config = loadConfig(text, file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const [first, ...others] = error.problems;
    throw new UsageError(others.length === 0 ? `invalid configuration: ${first}` : `invalid configuration:\n  ${error.problems.join("\n  ")}`);
  }
  await requireRegularCluster(config, io);
  return config;
}

/** The cluster file a configuration names is found by vpptrace, not named by the user: it is
 *  read only when it is a regular file (a FIFO there would block the run). A missing one is
 *  left to the cluster's reader, which says so. */
async function requireRegularCluster(config: Config, io: CliIo): Promise<void> {
  if (config.cluster === undefined || io.inspectPath === undefined) return;
  const info = await io.inspectPath(config.cluster).catch(() => undefined);
  if (info === undefined || info.kind === "missing" || info.kind === "file") return;
  const what = info.kind === "directory" ? "a directory" : (info.what ?? "not a regular file");
  throw new UsageError(`${config.file}:1:1: error: the configuration's cluster '${config.cluster}' is ${what}, not a regular file`);
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

/** What a configuration changes of a run's verdict, in words; empty when nothing. */
export function gateChanges(config: Config, cli: { cluster?: string; failOn?: Verdict[]; strict?: boolean; only?: string[] }, command: "check" | "diff"): string[] {
  const changes: string[] = [];
  if (command === "check") {
    if (config.cluster !== undefined && cli.cluster === undefined) changes.push(`cluster ${config.cluster}`);
    if (config.failOn !== undefined && cli.failOn === undefined) changes.push(`failOn ${config.failOn.length === 0 ? "none" : config.failOn.join(",")}`);
    const levels = Object.entries(config.rules).map(([id, level]) => `${id} ${level}`);
    if (levels.length > 0) changes.push(`rules ${levels.join(", ")}`);
  } else {
    if (config.diff.ignore.length > 0) changes.push(`ignore ${config.diff.ignore.join(",")}`);
    if (config.diff.only.length > 0 && (cli.only ?? []).length === 0) changes.push(`only ${config.diff.only.join(",")}`);
    if (config.diff.strict !== undefined && cli.strict === undefined) changes.push(`strict ${config.diff.strict}`);
  }
  return changes;
}

/** Names the configuration in use on stderr when it changes the verdict (or `verbose`):
 *  a file found by searching must never pass a gate unseen. */
export function announceConfig(config: Config | undefined, changes: string[], verbose: boolean | undefined, io: CliIo): void {
  if (config === undefined || (changes.length === 0 && verbose !== true)) return;
  io.stderr(`vpptrace: configuration ${config.file}${changes.length > 0 ? `: ${changes.join("; ")}` : ""}\n`);
}
