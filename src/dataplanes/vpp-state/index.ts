/** VPP's own state as a data plane: dumps and capture files → the VPP model. */
export { renderNode, type NodeState } from "./render.js";
export { StateDataPlane } from "./plane.js";
export { readCaptureFile, nodeNameOf, SHOW_PROMPT, type CaptureFile } from "./capture.js";
export type { StateDiagnostic } from "./sections.js";
