/**
 * Readers of the ACL plugin's `show acl-plugin acl` (each ACL's rules and the interfaces
 * it is applied to) and `show acl-plugin interface` (each interface's input and output
 * ACLs, in the order they are evaluated).
 */
import type { ShowLine } from "./parser.js";
import { garbled, type Problem, type Read } from "./lines.js";

export interface AclRuleRow {
  index: number;
  ipv6: boolean;
  action: string;
  src: string;
  dst: string;
  proto: number;
  sport: [number, number];
  dport: [number, number];
  line: number;
}

export interface AclRow {
  index: number;
  tag?: string;
  rules: AclRuleRow[];
  inbound: number[];
  outbound: number[];
  line: number;
}

const ACL_HEAD = /^acl-index (\d+) count (\d+) tag \{(.*)\}$/;
const RULE = /^(\d+): (ipv4|ipv6) (\S+) src (\S+) dst (\S+) proto (\d+) sport (\d+)(?:-(\d+))? dport (\d+)(?:-(\d+))?/;
const APPLIED = /^applied (inbound|outbound) on sw_if_index:(.*)$/;
const indexes = (list: string): number[] => list.split(",").map((s) => s.trim()).filter((s) => /^\d+$/.test(s)).map(Number);

export function readAcls(body: ShowLine[]): Read<AclRow[]> {
  const data: AclRow[] = [];
  const problems: Problem[] = [];
  let current: AclRow | undefined;
  for (const l of body) {
    const text = l.text.trim();
    if (text === "") continue;
    const head = ACL_HEAD.exec(text);
    const rule = RULE.exec(text);
    const applied = APPLIED.exec(text);
    if (head !== null) data.push((current = { index: Number(head[1]), tag: head[3], rules: [], inbound: [], outbound: [], line: l.line }));
    else if (current !== undefined && rule !== null) {
      current.rules.push({ index: Number(rule[1]), ipv6: rule[2] === "ipv6", action: rule[3], src: rule[4], dst: rule[5], proto: Number(rule[6]), sport: [Number(rule[7]), Number(rule[8] ?? rule[7])], dport: [Number(rule[9]), Number(rule[10] ?? rule[9])], line: l.line });
    } else if (current !== undefined && applied !== null) current[applied[1] as "inbound" | "outbound"].push(...indexes(applied[2]));
    else if (current !== undefined && /^used in lookup context index:/.test(text)) continue;
    else problems.push(garbled(l, current === undefined ? "'acl-index N count N tag {…}'" : "a rule 'N: ipv4 ACTION src … dst … proto N sport … dport …' or 'applied inbound|outbound on sw_if_index: …'"));
  }
  return { data, problems };
}

export interface AclInterfaceRow {
  swIfIndex: number;
  input: number[];
  output: number[];
  line: number;
}

export function readAclInterfaces(body: ShowLine[]): Read<AclInterfaceRow[]> {
  const data: AclInterfaceRow[] = [];
  const problems: Problem[] = [];
  let current: AclInterfaceRow | undefined;
  for (const l of body) {
    const text = l.text.trim();
    if (text === "") continue;
    const head = /^sw_if_index (\d+):$/.exec(text);
    const list = /^(input|output) acl\(s\):(.*)$/.exec(text);
    if (head !== null) data.push((current = { swIfIndex: Number(head[1]), input: [], output: [], line: l.line }));
    else if (current !== undefined && list !== null) current[list[1] as "input" | "output"].push(...indexes(list[2]));
    else if (current !== undefined && /^(?:input|output) lookup context index:/.test(text)) continue;
    else problems.push(garbled(l, current === undefined ? "'sw_if_index N:'" : "'input acl(s): …' or 'output acl(s): …'"));
  }
  return { data, problems };
}
