/**
 * The flow syntax of `vpptrace expect --flow`: `tcp 10.1.1.3:49710 -> 10.97.193.160:80`, and
 * the arrow forms vpptrace prints itself — `A:p > B:q` (diff), `A:p → B:q` (parse) — so a
 * flow copied from its output can be asked about. `icmp A -> B [id N]` is a ping: an echo
 * request, its identifier standing for both ports (src/forwarder/icmp.ts). An address with an
 * octet over 255 or a port outside 1–65535 is refused, not wrapped.
 */
import type { Endpoint, Flow } from "../model/expectation.js";
import { echoFlow } from "./icmp.js";

export class FlowSyntaxError extends Error {}

const ADDRESS = /^\s*(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\s*$/;
const ENDPOINT = /^\s*(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3}):(\d{1,5})\s*$/;
const ARROW = "(?:->|→|>)";
const FLOW = new RegExp(`^\\s*(tcp|udp)\\s+(\\S+?)\\s*${ARROW}\\s*(\\S+)\\s*$`, "i");
const ICMP = new RegExp(`^\\s*icmp\\s+(\\S+?)\\s*${ARROW}\\s*(\\S+?)(?:\\s+id\\s+(\\d{1,5}))?\\s*$`, "i");
const EXAMPLES = "'tcp 10.1.1.3:49710 -> 10.97.193.160:80', 'udp A:p > B:q' or 'icmp 10.1.1.12 -> 10.1.2.13 [id N]'";

function address(text: string): string {
  const m = ADDRESS.exec(text);
  if (m === null) throw new FlowSyntaxError(`'${text.trim()}' is not an IPv4 address, e.g. 10.1.1.5 (an ICMP flow has no ports)`);
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) throw new FlowSyntaxError(`'${text.trim()}' is not an IPv4 address (an octet is over 255)`);
  return octets.join(".");
}

export function parseEndpoint(text: string): Endpoint {
  const m = ENDPOINT.exec(text);
  if (m === null) throw new FlowSyntaxError(`'${text.trim()}' is not ip:port, e.g. 10.1.1.5:8080`);
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) throw new FlowSyntaxError(`'${text.trim()}': ${octets.join(".")} is not an IPv4 address (an octet is over 255)`);
  const port = Number(m[5]);
  if (port < 1 || port > 65535) throw new FlowSyntaxError(`'${text.trim()}': port ${port} is outside 1–65535`);
  return { ip: octets.join("."), port };
}

export function parseFlow(text: string): Flow {
  const icmp = ICMP.exec(text);
  if (icmp !== null) {
    const id = icmp[3] === undefined ? undefined : Number(icmp[3]);
    if (id !== undefined && id > 65535) throw new FlowSyntaxError(`'${text}': identifier ${id} is outside 0–65535`);
    return echoFlow(address(icmp[1]), address(icmp[2]), id);
  }
  const m = FLOW.exec(text);
  if (m === null) throw new FlowSyntaxError(`'${text}' is not a flow: expected ${EXAMPLES}`);
  return { proto: m[1].toUpperCase() as "TCP" | "UDP", src: parseEndpoint(m[2]), dst: parseEndpoint(m[3]) };
}
