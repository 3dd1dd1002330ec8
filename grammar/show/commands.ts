/**
 * The `show` commands the state grammar knows, and how a typed command is resolved to one:
 * VPP's CLI accepts any unambiguous prefix of each word (`sh int addr`, `sh ip arp`), so a
 * typed command names the longest known command whose words it abbreviates; the words
 * after it are the command's arguments (`show ip fib table 0`, `show bridge-domain 1 detail`,
 * `show interface features host-lv1a`). Aliases VPP kept across releases (`show ip arp`
 * before 20.01, `show ip neighbors` after) name the same command.
 */

export type ShowCommand =
  | "version"
  | "interface"
  | "interface-address"
  | "interface-features"
  | "hardware-interfaces"
  | "ip-fib"
  | "ip-neighbors"
  | "bridge-domain"
  | "l2fib"
  | "vxlan-tunnel"
  | "mode"
  | "nat44-interfaces"
  | "nat44-static-mappings"
  | "nat44-addresses"
  | "acl"
  | "acl-interface"
  | "trace";

/** Known command words (each typed word may abbreviate its word) → the command. */
const KNOWN: [string[], ShowCommand][] = [
  [["show", "version"], "version"],
  [["show", "interface"], "interface"],
  [["show", "interface", "address"], "interface-address"],
  [["show", "interface", "features"], "interface-features"],
  [["show", "hardware-interfaces"], "hardware-interfaces"],
  [["show", "ip", "fib"], "ip-fib"],
  [["show", "ip", "neighbors"], "ip-neighbors"],
  [["show", "ip", "neighbor"], "ip-neighbors"],
  [["show", "ip", "arp"], "ip-neighbors"],
  [["show", "bridge-domain"], "bridge-domain"],
  [["show", "l2fib"], "l2fib"],
  [["show", "vxlan", "tunnel"], "vxlan-tunnel"],
  [["show", "mode"], "mode"],
  [["show", "nat44", "interfaces"], "nat44-interfaces"],
  [["show", "nat44", "ei", "interfaces"], "nat44-interfaces"],
  [["show", "nat44", "static", "mappings"], "nat44-static-mappings"],
  [["show", "nat44", "ei", "static", "mappings"], "nat44-static-mappings"],
  [["show", "nat44", "addresses"], "nat44-addresses"],
  [["show", "nat44", "ei", "addresses"], "nat44-addresses"],
  [["show", "acl-plugin", "acl"], "acl"],
  [["show", "acl-plugin", "interface"], "acl-interface"],
  [["show", "trace"], "trace"],
];

export interface ResolvedCommand {
  command: ShowCommand;
  /** The words after the command (`table 0`, `1 detail`, `host-lv1a`). */
  args: string[];
  /** NAT44-EI's own command (`show nat44 ei …`), not the ED plugin's. */
  ei: boolean;
}

/** Does the typed word abbreviate `word`? VPP needs at least the first two letters of
 *  `show` (`sh`), and of any word that shares a first letter with another. */
const abbreviates = (typed: string, word: string): boolean => typed.length > 0 && word.startsWith(typed.toLowerCase());

/** The known command a typed line names, or undefined (an unknown command or not a `show`). */
export function resolveCommand(typed: string): ResolvedCommand | undefined {
  const words = typed.trim().split(/\s+/);
  let best: [string[], ShowCommand] | undefined;
  for (const known of KNOWN) {
    const [k] = known;
    if (k.length > words.length || !k.every((w, i) => abbreviates(words[i], w))) continue;
    // `sh` is the shortest accepted abbreviation of `show` (`s` is `set`).
    if (words[0].length < 2) continue;
    if (best === undefined || k.length > best[0].length) best = known;
  }
  if (best === undefined) return undefined;
  const [k, command] = best;
  const args = words.slice(k.length);
  // Before 19.x the interface came first: `show interface GigabitEthernet3/0/0 features`.
  if (command === "interface" && args.length >= 2 && abbreviates(args[args.length - 1], "features")) return { command: "interface-features", args: args.slice(0, -1), ei: false };
  // An argument that is a later word's abbreviation would have matched a longer command;
  // `show interface` with a name argument is still `show interface` (of that interface).
  return { command, args, ei: k.includes("ei") };
}
