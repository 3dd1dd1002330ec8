/**
 * What a Kubernetes data plane gives vpptrace: the VPP configuration of its nodes, rendered
 * from its own description of the cluster, and its words for the connections it carries.
 * Contiv/VPP is one (src/dataplanes/contiv); another (Calico/VPP) is one more folder that
 * implements this.
 */
import type { VppNetwork } from "../vpp/types.js";

/** Where a connection's ends sit, after the walk: what a label is made of. */
export interface ConnectionEnds {
  /** The address that opened the connection. */
  client: string;
  /** The address that serves it (after destination NAT). */
  server: string;
  /** The client addressed a service (a NAT static mapping), not the server itself. */
  viaService: boolean;
}

export interface DataPlane {
  readonly name: string;
  /** False when there is no user description, only the data plane's defaults. */
  readonly described: boolean;
  /** A packet to a service's endpoint, seen on the endpoint's node, is taken for the
   *  service's (translated on the client's node): true where pods reach each other through
   *  services by design (Contiv's description); false for a state, where a connection to an
   *  endpoint's own address and port is as likely. */
  readonly infersServices: boolean;
  /** The nodes' VPP configuration, with whatever the given addresses imply where the
   *  description is not exhaustive (pods it does not list, nodes of a default plan). */
  network(addresses: readonly string[]): VppNetwork;
  /** Why the description cannot tell where `ip` is (the walk would guess), or undefined. */
  unplaced(ip: string): string | undefined;
  /** The connection's label, e.g. `pod-to-service-other-node`. */
  label(ends: ConnectionEnds): string;
  /** An address in the data plane's words, for messages. */
  describe(ip: string): string;
}
