/**
 * What every command has, added in one place rather than in each command file: `-V,
 * --version`, `-v, --verbose` (a command that prints nothing more still takes it, so that
 * `-v` never is an unknown option), and a help page that ends with examples and exit codes.
 */
import { Option, type Command } from "commander";
import { VERSION } from "./version.js";

const EXAMPLES: Record<string, string[]> = {
  parse: ["vppctl show trace | vpptrace parse", "vpptrace parse trace.txt --format json > trace.json"],
  check: [
    "vpptrace check --cluster cluster.yaml traces/*.txt",
    "vpptrace check traces/ --format sarif > vpptrace.sarif",
    "vpptrace check traces/*.txt --format github        # annotations and a step summary in GitHub Actions",
    "vpptrace check --rule ttl-decrement,ip4-checksum --fail-on violates trace.txt",
  ],
  expect: ["vpptrace expect --cluster cluster.yaml --flow 'tcp 10.1.1.3:40000 -> 10.1.2.4:8080'"],
  diff: ["vpptrace diff before.txt after.txt", "vpptrace diff --ignore ttl golden.txt today.txt --format json"],
  report: ["vpptrace report --cluster cluster.yaml traces/*.txt -o report.html", "vpptrace report --diff before.txt after.txt -o diff.html"],
  paths: ["vpptrace paths traces/*.txt", "vpptrace paths --cluster cluster.yaml --format json trace.txt"],
  pcap: ["vpptrace pcap trace.txt -o trace.pcapng && wireshark trace.pcapng", "vpptrace pcap --filter 'port 8080' trace.txt -o web.pcapng"],
  scenarios: ["vpptrace scenarios"],
  schema: ["vpptrace schema check > check.schema.json"],
  completion: ["vpptrace completion bash > /etc/bash_completion.d/vpptrace", "vpptrace completion zsh > \"${fpath[1]}/_vpptrace\"", "vpptrace completion fish > ~/.config/fish/completions/vpptrace.fish"],
};

/** For the commands whose own help text does not state them already. */
const EXIT_CODES: Record<string, string> = {
  parse: "0 parsed, 2 usage error, unreadable input or no trace in it.",
  paths: "0 listed, 2 usage error, unreadable input or no trace in it.",
  scenarios: "0, 2 usage error.",
  schema: "0, 2 usage error (an unknown schema name).",
  completion: "0, 2 usage error (an unknown shell).",
};

const hasOption = (command: Command, flag: string): boolean => command.options.some((o) => o.long === flag);

export function withConventions(command: Command): Command {
  const name = command.name();
  command.version(VERSION, "-V, --version", "print the version and exit");
  if (!hasOption(command, "--verbose")) command.addOption(new Option("-v, --verbose", "with an internal error, print where it happened"));
  const examples = EXAMPLES[name] ?? [];
  const exitCodes = EXIT_CODES[name];
  const text = [examples.length === 0 ? "" : `\nExamples:\n${examples.map((e) => `  $ ${e}`).join("\n")}`, exitCodes === undefined ? "" : `\nExit codes: ${exitCodes}`].join("\n");
  return command.addHelpText("after", text.trimEnd());
}

/** The top level's help: what to type first. */
export const PROGRAM_HELP = `
Examples:
  $ vpptrace check --cluster cluster.yaml traces/*.txt
  $ vppctl show trace | vpptrace parse
  $ vpptrace diff before.txt after.txt
  $ vpptrace <command> --help

Exit codes: 0 success (conforming, identical), 1 violations or differences (check, diff, report), 2 usage error, unreadable input or no trace.`;
