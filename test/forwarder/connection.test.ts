import { describe, expect, it } from "vitest";
import { groupWalks } from "../../src/forwarder/connection.js";
import type { Walk } from "../../src/forwarder/walk.js";
import type { ExpectedHop } from "../../src/model/expectation.js";
import type { VppNode } from "../../src/vpp/types.js";

const node = { name: "n" } as VppNode;
const hop = (name: string, aclActions?: number[]): ExpectedHop => ({ node: name, pattern: `^${name}$`, optional: false, at: "tap1", expect: aclActions === undefined ? {} : { aclActions }, why: [`${name} because`] });
const walk = (...hops: ExpectedHop[]): Walk => ({ segments: [{ node, hops }], outcome: { kind: "dropped", node, why: "test" } });

describe("the walks of a packet's possible histories", () => {
  it("merges walks of one shape, joining the ACL actions either history shows", () => {
    const groups = groupWalks([
      { history: 1, walk: walk(hop("virtio-input"), hop("acl-plugin-out-ip4-fa", [1]), hop("tap2-output")) },
      { history: 2, walk: walk(hop("virtio-input"), hop("acl-plugin-out-ip4-fa", [3]), hop("tap2-output")) },
    ]);
    expect(groups.map((g) => g.histories)).toEqual([[1, 2]]);
    expect(groups[0].walk.segments[0].hops[1].expect.aclActions).toEqual([1, 3]);
    expect(groups[0].walk.segments[0].hops[1].why).toContain("whether earlier packets of the connection passed is not known");
  });

  it("keeps walks of different shapes apart, in the order of their histories, instead of keeping the first", () => {
    const passes = walk(hop("virtio-input"), hop("acl-plugin-out-ip4-fa", [3]), hop("tap2-output"));
    const dropped = walk(hop("virtio-input"), hop("acl-plugin-out-ip4-fa", [0]), hop("error-drop"));
    const groups = groupWalks([
      { history: 0, walk: dropped },
      { history: 1, walk: dropped },
      { history: 2, walk: passes },
    ]);
    expect(groups.map((g) => [g.histories, g.walk.segments[0].hops.map((h) => h.node).join(" ")])).toEqual([
      [[0, 1], "virtio-input acl-plugin-out-ip4-fa error-drop"],
      [[2], "virtio-input acl-plugin-out-ip4-fa tap2-output"],
    ]);
  });
});
