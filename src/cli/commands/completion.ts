/** `vpptrace completion bash|zsh|fish`: print a shell completion script (see completion.ts). */
import { Argument, Command } from "commander";
import { completionScript, SHELLS, type Shell } from "../completion.js";
import type { CliIo } from "../io.js";

export function completionCommand(program: Command, io: CliIo): Command {
  return new Command("completion")
    .description("print a completion script for bash, zsh or fish")
    .addArgument(new Argument("<shell>", "the shell").choices(SHELLS))
    .action((shell: Shell) => io.stdout(completionScript(shell, program)));
}
