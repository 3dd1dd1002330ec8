import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import { schemas } from "../../src/schemas/index.js";

// vpptrace compiles its schemas without checking them against the meta-schema, which would
// cost every `--cluster` (or configured) run ~40 ms for a check that can only fail when a
// schema is edited.
describe("the shipped JSON Schemas", () => {
  for (const [name, schema] of Object.entries({ ...schemas, config: configSchema })) {
    it(`${name} is valid against the JSON Schema meta-schema`, () => {
      const ajv = new Ajv({ strict: false });
      expect(ajv.validateSchema({ ...schema, $id: undefined }), JSON.stringify(ajv.errors)).toBe(true);
    });
  }
});
