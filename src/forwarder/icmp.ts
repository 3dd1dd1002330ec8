/**
 * ICMP echo through the forwarder. VPP's NAT44 keys an echo by its identifier where TCP and
 * UDP have ports — an in2out session translates the request's identifier as a source port,
 * the reply's as a destination port (nat44-ed `icmp_get_ed_key`: `l_port = r_port =
 * echo->identifier`) — and the ACL plugin's sessions match the reply to the request on the
 * same identifier. So an echo is walked as a flow whose ports are both its identifier, and
 * its reply as that flow reversed; a static mapping, which names a TCP or UDP port, does not
 * take it. The identifier is the one the trace shows (the ping's process id on Linux) or,
 * for `expect` without `id N`, ECHO_ID: nothing VPP decides depends on its value.
 */
import type { Flow } from "../model/expectation.js";

/** ICMP types of the echo (RFC 792); the ACL plugin keys an echo by them. */
export const ECHO_REQUEST = 8;
export const ECHO_REPLY = 0;

/** The identifier an echo is walked with when none is given. */
export const ECHO_ID = 1;

/** A ping from `src` to `dst`: the echo request as a flow. */
export function echoFlow(src: string, dst: string, id = ECHO_ID): Flow {
  return { proto: "ICMP", src: { ip: src, port: id }, dst: { ip: dst, port: id } };
}

/** `icmp 10.1.1.12 -> 10.1.2.13 id 1` — a flow as `expect` prints it. */
export function flowText(flow: Flow): string {
  if (flow.proto === "ICMP") return `icmp ${flow.src.ip} -> ${flow.dst.ip} id ${flow.src.port}`;
  return `${flow.proto.toLowerCase()} ${flow.src.ip}:${flow.src.port} -> ${flow.dst.ip}:${flow.dst.port}`;
}
