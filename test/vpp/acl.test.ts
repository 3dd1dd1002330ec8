import { describe, expect, it } from "vitest";
import { AclSessions, aclVerdict } from "../../src/vpp/acl.js";
import type { AclAttachment } from "../../src/vpp/types.js";

const reflective: AclAttachment = { name: "reflective ACL", reflective: true, attached: true, why: "test" };
const permit: AclAttachment = { name: "global ACL", reflective: false, attached: true, why: "test" };
const syn = { proto: 6, src: "10.1.1.3", dst: "10.1.1.9", srcPort: 40000, dstPort: 8080 };
const synAck = { proto: 6, src: "10.1.1.9", dst: "10.1.1.3", srcPort: 8080, dstPort: 40000 };

describe("ACL sessions, keyed as the ACL plugin keys them", () => {
  it("a session made at an interface's input lets later packets in and replies out, nothing else", () => {
    const sessions = new AclSessions();
    sessions.add("n", "tap2", "input", syn);
    expect(sessions.hit("n", "tap2", "input", syn)).toBe(true);
    expect(sessions.hit("n", "tap2", "output", synAck)).toBe(true);
    expect(sessions.hit("n", "tap2", "input", synAck)).toBe(false);
    expect(sessions.hit("n", "tap2", "output", syn)).toBe(false);
    expect(sessions.hit("n", "tap4", "input", syn)).toBe(false);
    expect(sessions.hit("m", "tap2", "input", syn)).toBe(false);
  });

  it("keys an echo by its ICMP type: a request's session lets the reply out, a reply's lets no request out", () => {
    // As the lab's 26.06 ping shows: the reply leaves the client's interface on the session
    // (action 3), the second request leaves the server's by the rules (action 1).
    const request = { proto: 1, src: "10.1.1.2", dst: "10.1.1.3", srcPort: 7, dstPort: 7, icmpType: 8 };
    const reply = { proto: 1, src: "10.1.1.3", dst: "10.1.1.2", srcPort: 7, dstPort: 7, icmpType: 0 };
    const sessions = new AclSessions();
    sessions.add("n", "client", "input", request);
    sessions.add("n", "server", "input", reply);
    expect(sessions.hit("n", "client", "input", request)).toBe(true);
    expect(sessions.hit("n", "client", "output", reply)).toBe(true);
    expect(sessions.hit("n", "server", "input", reply)).toBe(true);
    expect(sessions.hit("n", "server", "output", request)).toBe(false);
  });

  it("keys a port the model cannot know (a VXLAN source port) by what stands for it", () => {
    const sessions = new AclSessions();
    sessions.add("n", "gbe", "input", { proto: 17, src: "192.168.16.1", dst: "192.168.16.2", srcPortKey: "hash A", dstPort: 4789 });
    expect(sessions.hit("n", "gbe", "input", { proto: 17, src: "192.168.16.1", dst: "192.168.16.2", srcPortKey: "hash A", dstPort: 4789 })).toBe(true);
    expect(sessions.hit("n", "gbe", "input", { proto: 17, src: "192.168.16.1", dst: "192.168.16.2", srcPortKey: "hash B", dstPort: 4789 })).toBe(false);
  });

  it("gives 3 on a session hit, else 2 for a reflective ACL and 1 for a permitting one", () => {
    expect(aclVerdict(reflective, true).action).toBe(3);
    expect(aclVerdict(reflective, false).action).toBe(2);
    expect(aclVerdict(permit, false).action).toBe(1);
    expect(aclVerdict(permit, false).why).toBe("global ACL: no session, it permits (test)");
  });
});
