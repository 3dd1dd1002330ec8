/** `vpptrace scenarios`: the nine scenarios of the packet-flow guide, one line each. */
import { Command } from "commander";
import { SCENARIO_DESCRIPTIONS, SCENARIOS } from "../../model/expectation.js";
import type { CliIo } from "../io.js";

export function scenariosCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command("scenarios").description("list the scenarios of the Contiv/VPP packet-flow guide").action(() => {
    const width = Math.max(...SCENARIOS.map((s) => s.length));
    io.stdout(`${SCENARIOS.map((s) => `${s.padEnd(width)}  ${SCENARIO_DESCRIPTIONS[s]}`).join("\n")}\n`);
    setExitCode(0);
  });
}
