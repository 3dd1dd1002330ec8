/** `vpptrace schema <name>`: print a shipped JSON Schema, for users validating our output. */
import { Command, Argument } from "commander";
import { schemas } from "../../schemas/index.js";
import type { CliIo } from "../io.js";

export function schemaCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command("schema")
    .description("print the JSON Schema of a command's --format json output")
    .addArgument(new Argument("<name>", "schema name").choices(Object.keys(schemas)))
    .action((name: keyof typeof schemas) => {
      io.stdout(`${JSON.stringify(schemas[name], null, 2)}\n`);
      setExitCode(0);
    });
}
