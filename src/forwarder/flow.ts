/** `tcp 10.1.1.3:49710 -> 10.97.193.160:80`, the flow syntax of `vpptrace expect --flow`.
 *  An address with an octet over 255 or a port outside 1–65535 is refused, not wrapped. */
import type { Endpoint, Flow } from "../model/expectation.js";

export class FlowSyntaxError extends Error {}

const ENDPOINT = /^\s*(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3}):(\d{1,5})\s*$/;
const FLOW = /^\s*(tcp|udp)\s+(\S+?)\s*->\s*(\S+)\s*$/i;

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
  const m = FLOW.exec(text);
  if (m === null) throw new FlowSyntaxError(`'${text}' is not a flow: expected 'tcp|udp SRC-IP:PORT -> DST-IP:PORT', e.g. 'tcp 10.1.1.3:49710 -> 10.97.193.160:80'`);
  return { proto: m[1].toUpperCase() as "TCP" | "UDP", src: parseEndpoint(m[2]), dst: parseEndpoint(m[3]) };
}
