/** The cluster description: load, validate, default, and look addresses up. */
export { CONTIV_IPAM, defaultCluster, loadCluster, nodeFromId } from "./load.js";
export { ClusterError } from "./errors.js";
export { addressRole, formatEndpoint, nodeById, podAt, servicesWithEndpoint, type AddressRole } from "./roles.js";
export { clusterSchema } from "./schema.js";
