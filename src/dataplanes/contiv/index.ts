/** Contiv/VPP as a data plane: the cluster description (load, validate, defaults), the
 *  rendering of it into VPP configuration, and the guide's names for connections. */
export { CONTIV_IPAM, defaultCluster, nodeFromId } from "./defaults.js";
export { loadCluster } from "./load.js";
export { ClusterError } from "./errors.js";
export { addressRole, describeAddress, nodeById, podAt, type AddressRole } from "./roles.js";
export { clusterSchema } from "./schema.js";
export { renderNetwork } from "./render.js";
export { ContivDataPlane, contivLabel } from "./plane.js";
