/**
 * A configuration file read and validated like the cluster file (YAML or JSON, ajv, every
 * problem at file:line:column), its paths made absolute from the file's own folder — as
 * ESLint and Prettier resolve theirs — so that the same file works from any subfolder.
 */
import { Ajv, type ValidateFunction } from "ajv";
import { dirname, isAbsolute, join } from "node:path";
import { ClusterError, locatedSchemaProblems } from "../dataplanes/contiv/errors.js";
import { readYaml } from "../dataplanes/contiv/yaml-source.js";
import { allRules } from "../rules/index.js";
import type { Verdict } from "../model/findings.js";
import { configSchema } from "./schema.js";

import type { RuleLevel } from "./levels.js";

export type { RuleLevel } from "./levels.js";

export interface Config {
  /** The file it came from. */
  file: string;
  /** The cluster description, its path taken from the configuration file's folder. */
  cluster?: string;
  rules: Record<string, RuleLevel>;
  failOn?: Verdict[];
  /** The input files are one capture for connection state (`--one-capture`). */
  oneCapture?: boolean;
  diff: { strict?: boolean; ignore: string[]; only: string[] };
}

/** A configuration that cannot be used: each problem one located line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "ConfigError";
  }
}

let compiled: ValidateFunction | undefined;

/** Compiled on first use, without checking the schema against the meta-schema (a test does). */
function configValidator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, strict: false, verbose: true, validateSchema: false }).compile({ ...configSchema, $id: undefined });
  return compiled;
}

type Raw = { cluster?: string; rules?: Record<string, RuleLevel>; failOn?: string | string[]; oneCapture?: boolean; diff?: { strict?: boolean; ignore?: string[]; only?: string[] } };

export function loadConfig(text: string, file: string): Config {
  let source: ReturnType<typeof readYaml>;
  try {
    source = readYaml(text, file);
  } catch (error) {
    if (error instanceof ClusterError) throw new ConfigError(error.problems);
    throw error;
  }
  const at = (pointer: string, key?: string): string => `${file}:${source.locate(pointer, key)}: `;
  // An empty file configures nothing, as an empty .prettierrc does.
  const data = (source.data ?? {}) as Raw;
  const validate = configValidator();
  if (!validate(data)) {
    throw new ConfigError(locatedSchemaProblems(validate.errors ?? [], configSchema, at));
  }
  const known = allRules.map((r) => r.meta.id);
  const unknown = Object.keys(data.rules ?? {}).filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new ConfigError(unknown.map((id) => `${at("/rules", id)}/rules: unknown rule '${id}'; rules: ${known.join(", ")}`));
  const failOn = data.failOn === undefined ? undefined : [data.failOn].flat();
  return {
    file,
    cluster: data.cluster === undefined ? undefined : isAbsolute(data.cluster) ? data.cluster : join(dirname(file), data.cluster),
    rules: data.rules ?? {},
    failOn: failOn === undefined ? undefined : failOn.includes("none") ? [] : (failOn as Verdict[]),
    oneCapture: data.oneCapture,
    diff: { strict: data.diff?.strict, ignore: data.diff?.ignore ?? [], only: data.diff?.only ?? [] },
  };
}

export { levelSeverity } from "./levels.js";
