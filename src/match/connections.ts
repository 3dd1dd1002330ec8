/**
 * What the packets checked so far tell about the ones to come: which side opened each
 * connection (so a later ACK is known to be the client's or the server's), and, for a
 * connection to a service, the service address and the endpoint behind it (so the reply,
 * not yet un-NATed on the server's node, is known to belong to the service). Bounded: a
 * long capture opens many connections.
 */
import type { Direction, Endpoint, Flow } from "../model/expectation.js";
import { own } from "../model/own.js";

const MAX_ENTRIES = 1 << 16;
const key = (proto: number, a: Endpoint, b: Endpoint): string => `${proto}|${a.ip}:${a.port}>${b.ip}:${b.port}`;
const PROTOCOL = { TCP: 6, UDP: 17 } as const;

export class ConnectionTable {
  /** client → server, as opened and as delivered after NAT. */
  private readonly opened = new Set<string>();
  /** client ip:port → the service it addressed and the endpoint that serves it. */
  private readonly services = new Map<string, { service: Endpoint; endpoint: Endpoint }>();

  /** Remember a placed connection. */
  remember(flow: Flow, endpoint: Endpoint): void {
    if (this.opened.size >= MAX_ENTRIES) this.opened.clear();
    if (this.services.size >= MAX_ENTRIES) this.services.clear();
    const proto = PROTOCOL[flow.proto];
    this.opened.add(own(key(proto, flow.src, flow.dst)));
    this.opened.add(own(key(proto, flow.src, endpoint)));
    if (endpoint.ip !== flow.dst.ip || endpoint.port !== flow.dst.port) {
      this.services.set(own(`${flow.src.ip}:${flow.src.port}`), { service: { ip: own(flow.dst.ip), port: flow.dst.port }, endpoint: { ip: own(endpoint.ip), port: endpoint.port } });
    }
  }

  /** The direction of a packet from `src` to `dst` on a connection seen before. */
  direction(proto: number, src: Endpoint, dst: Endpoint): Direction | undefined {
    if (this.opened.has(key(proto, src, dst))) return "request";
    if (this.opened.has(key(proto, dst, src))) return "response";
    return undefined;
  }

  /** The service connection a client opened, if it was one. */
  service(client: Endpoint): { service: Endpoint; endpoint: Endpoint } | undefined {
    return this.services.get(`${client.ip}:${client.port}`);
  }
}
