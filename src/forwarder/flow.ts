/** `tcp 10.1.1.3:49710 -> 10.97.193.160:80`, the flow syntax of `vpptrace expect --flow`. */
import type { Endpoint } from "../dataplanes/contiv/cluster.js";
import type { Flow } from "../model/expectation.js";

export class FlowSyntaxError extends Error {}

const IP = "(\\d{1,3}(?:\\.\\d{1,3}){3})";
const FLOW = new RegExp(`^\\s*(tcp|udp)\\s+${IP}:(\\d{1,5})\\s*->\\s*${IP}:(\\d{1,5})\\s*$`, "i");

export function parseEndpoint(text: string): Endpoint {
  const m = new RegExp(`^${IP}:(\\d{1,5})$`).exec(text.trim());
  if (m === null) throw new FlowSyntaxError(`'${text}' is not ip:port, e.g. 10.1.1.5:8080`);
  return { ip: m[1], port: Number(m[2]) };
}

export function parseFlow(text: string): Flow {
  const m = FLOW.exec(text);
  if (m === null) throw new FlowSyntaxError(`'${text}' is not a flow: expected 'tcp|udp SRC-IP:PORT -> DST-IP:PORT', e.g. 'tcp 10.1.1.3:49710 -> 10.97.193.160:80'`);
  return { proto: m[1].toUpperCase() as "TCP" | "UDP", src: { ip: m[2], port: Number(m[3]) }, dst: { ip: m[4], port: Number(m[5]) } };
}
