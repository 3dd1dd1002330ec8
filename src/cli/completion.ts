/**
 * `vpptrace completion bash|zsh|fish`: a completion script written from the commands and
 * options the program declares, so that it cannot fall behind them. Commands complete at
 * the first word; options, and the values of options with a fixed set of values
 * (`--format`), after it; anything else completes as a file name (traces, cluster files).
 */
import { Command, type Option } from "commander";

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

interface Described {
  name: string;
  description: string;
  options: { long?: string; short?: string; description: string; takesValue: boolean; choices?: readonly string[] }[];
}

const describeOption = (o: Option) => ({ long: o.long, short: o.short, description: o.description, takesValue: o.required || o.optional, choices: o.argChoices });

function describe(program: Command): Described[] {
  return program.commands.map((c) => ({ name: c.name(), description: c.description(), options: [...c.options.map(describeOption), { long: "--help", short: "-h", description: "display help for command", takesValue: false }] }));
}

/** Text safe inside single quotes in any of the three shells (and zsh's `[…]` specs). */
const plain = (s: string): string => s.replace(/[`'[\]:\\$]/g, "").replace(/\s+/g, " ").trim();

function bash(commands: Described[]): string {
  const cases = commands.map((c) => {
    const flags = c.options.flatMap((o) => [o.long, o.short]).filter(Boolean).join(" ");
    const values = c.options.filter((o) => o.choices !== undefined).map((o) => `      ${[o.long, o.short].filter(Boolean).join("|")}) COMPREPLY=($(compgen -W "${o.choices!.join(" ")}" -- "$cur")); return ;;`);
    return [`    ${c.name})`, `      opts="${flags}"`, ...(values.length === 0 ? [] : ["      case \"$prev\" in", ...values.map((v) => `  ${v}`), "      esac"]), "      ;;"].join("\n");
  });
  return `# bash completion for vpptrace: source <(vpptrace completion bash)
_vpptrace() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} opts=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(" ")} --help --version" -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases.join("\n")}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _vpptrace vpptrace
`;
}

function zshSpec(o: Described["options"][number]): string {
  const names = [o.short, o.long].filter((n): n is string => n !== undefined);
  const value = !o.takesValue ? "" : o.choices !== undefined ? `:value:(${o.choices.join(" ")})` : ":value:_files";
  const rest = `[${plain(o.description)}]${value}`;
  return names.length > 1 ? `{${names.join(",")}}'${rest}'` : `'${names[0]}${rest}'`;
}

function zsh(commands: Described[]): string {
  const cases = commands.map((c) => `    ${c.name}) _arguments ${c.options.map(zshSpec).join(" ")} '*:file:_files' ;;`);
  return `#compdef vpptrace
# zsh completion for vpptrace: vpptrace completion zsh > "\${fpath[1]}/_vpptrace"
_vpptrace() {
  local -a commands
  commands=(${commands.map((c) => `'${c.name}:${plain(c.description)}'`).join(" ")})
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  local command=$words[2]
  shift words
  (( CURRENT-- ))
  case $command in
${cases.join("\n")}
  esac
}
_vpptrace "$@"
`;
}

function fish(commands: Described[]): string {
  const lines = commands.flatMap((c) => [
    `complete -c vpptrace -n __fish_use_subcommand -f -a ${c.name} -d '${plain(c.description)}'`,
    ...c.options.map((o) => {
      const names = [o.long === undefined ? "" : `-l ${o.long.slice(2)}`, o.short === undefined ? "" : `-s ${o.short.slice(1)}`].filter(Boolean).join(" ");
      const value = !o.takesValue ? "" : o.choices !== undefined ? ` -x -a '${o.choices.join(" ")}'` : " -r";
      return `complete -c vpptrace -n '__fish_seen_subcommand_from ${c.name}' ${names}${value} -d '${plain(o.description)}'`;
    }),
  ]);
  return `# fish completion for vpptrace: vpptrace completion fish > ~/.config/fish/completions/vpptrace.fish\n${lines.join("\n")}\n`;
}

export function completionScript(shell: Shell, program: Command): string {
  const commands = describe(program);
  return shell === "bash" ? bash(commands) : shell === "zsh" ? zsh(commands) : fish(commands);
}
