/**
 * The JSON Schemas of every command's JSON output, compiled once with one ajv instance.
 * Validation errors read as `JSON path: message`.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { clusterSchema } from "../dataplanes/contiv/schema.js";
import { parseIp6 } from "../model/ip6.js";
import { checkSchema } from "./check.js";
import { diffSchema } from "./diff.js";
import { expectSchema } from "./expect.js";
import { packetSchema, parseDocumentSchema } from "./parse.js";
import { pathsSchema } from "./paths.js";

export const schemas = {
  parse: parseDocumentSchema,
  packet: packetSchema,
  check: checkSchema,
  expect: expectSchema,
  cluster: clusterSchema,
  diff: diffSchema,
  paths: pathsSchema,
} as const;

export type SchemaName = keyof typeof schemas;

const ajv = new Ajv({ allErrors: true, strict: false });
// IPv4 dotted quad; ajv-formats would add 30 formats for this one.
ajv.addFormat("ipv4", /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/);
ajv.addFormat("ipv6", (text: string) => parseIp6(text) !== null);
const compiled = new Map<SchemaName, ValidateFunction>();

function validatorFor(name: SchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (validate === undefined) {
    validate = ajv.compile({ ...schemas[name], $id: undefined });
    compiled.set(name, validate);
  }
  return validate;
}

/** Validate `data` against a shipped schema; returns `path: message` lines, empty when valid. */
export function validateAgainst(name: SchemaName, data: unknown): string[] {
  const validate = validatorFor(name);
  if (validate(data)) return [];
  return (validate.errors ?? []).map(formatSchemaError);
}

export function formatSchemaError(error: ErrorObject): string {
  return `${error.instancePath === "" ? "/" : error.instancePath}: ${error.message ?? "is invalid"}`;
}
