/** VPP's own state as a data plane: dumps and capture files → the VPP model. */
export { renderNode, type NodeState } from "./render.js";
export { StateDataPlane } from "./plane.js";
export { readCaptureFile, nodeNameOf, type CaptureFile } from "./capture.js";
export { SHOW_PROMPT } from "./prompt.js";
export type { StateDiagnostic } from "./sections.js";
