/**
 * Whether the text output is coloured, and how wide its tables may be. In order:
 * `--color` / `--no-color`; FORCE_COLOR (any value but 0 or false forces colour, 0 or false
 * turns it off, as Node itself reads it); NO_COLOR (set and not empty: no colour, see
 * no-color.org); else colour when standard output is a terminal. Tables fit the terminal's
 * width only when output goes to one: a file or a CI log keeps whole rows.
 */
import { Option, type Command } from "commander";
import { colourStyle, fittedStyle, type TextStyle } from "../report/style.js";
import type { CliIo } from "./io.js";

/** The commands whose text output has colour. */
const COLOURED = new Set(["check"]);

export function withColourOptions(command: Command): Command {
  if (!COLOURED.has(command.name())) return command;
  return command
    .addOption(new Option("--color", "colour the output even when it is not a terminal"))
    .addOption(new Option("--no-color", "never colour the output"));
}

export function wantsColour(option: boolean | undefined, io: CliIo): boolean {
  if (option !== undefined) return option;
  const force = io.env?.FORCE_COLOR;
  if (force !== undefined) return !["0", "false"].includes(force.toLowerCase());
  const no = io.env?.NO_COLOR;
  if (no !== undefined && no !== "") return false;
  return io.stdoutIsTTY === true;
}

export function textStyle(option: boolean | undefined, io: CliIo): TextStyle {
  const width = io.stdoutIsTTY === true ? io.columns : undefined;
  return wantsColour(option, io) ? colourStyle(width) : fittedStyle(width);
}
