import { describe, expect, it } from "vitest";
import { decodeOne } from "./decode-helper.js";

describe("acl-plugin decoder", () => {
  it("decodes a session hit (action 3, acl -1, session slot as rule) and the 17.04 pkt info layout", () => {
    const { record, warnings } = decodeOne(
      "01:48:51:257060: acl-plugin-out-ip4-fa",
      "  acl-plugin: sw_if_index 7, next index 1, action: 3, match: acl -1 rule 170 trace_bits 80000000",
      "  pkt info 0000000000000000 0901010a00000000 0000000000000000 0c01010a00000000 000700069b8c1f90 0512ffff00000007",
      "   output sw_if_index 7 (lsb16 7) l3 ip4 10.1.1.9 -> 10.1.1.12 l4 proto 6 l4_valid 1 port 8080 -> 39820 tcp flags (valid) 12 rsvd 0",
    );
    expect(warnings).toEqual([]);
    expect(record.kind).toBe("acl");
    expect(record.fields.acl).toMatchObject({ direction: "out", layer: "ip4", swIfIndex: 7, nextIndex: 1, action: 3, acl: -1, rule: 170, traceBits: 0x80000000 });
    const tuple = { src: "10.1.1.9", dst: "10.1.1.12", proto: 6, srcPort: 8080, dstPort: 39820, tcpFlags: 0x12, tcpFlagsValid: true, isInput: false, l4Valid: true };
    expect(record.fields.acl?.tuple).toMatchObject({ ...tuple, swIfIndex: 7 });
    expect(record.fields.acl?.pktInfoTuple).toMatchObject({ ...tuple, swIfIndex: 7 });
  });

  it("decodes the v19.01+ 5-tuple line and the v18.04+ pkt info layout", () => {
    const { record } = decodeOne(
      "00:00:01:000000: acl-plugin-in-ip4-fa",
      "  acl-plugin: lc_index: 0, sw_if_index 1, next index 1, action: 1, match: acl 0 rule 2 trace_bits 00000000",
      "  pkt info 0000000000000000 0000000000000000 0000000000000000 0100a8c00a0a0a0a 0001010650001f90 0200ffff00000000",
      "   lc_index 0 l3 ip4 10.10.10.10 -> 192.168.0.1 l4 lsb_of_sw_if_index 1 proto 6 l4_is_input 1 l4_slow_path 0 l4_flags 0x01 port 8080 -> 20480 tcp flags (invalid) 00 rsvd 0",
    );
    expect(record.fields.acl).toMatchObject({ lcIndex: 0, swIfIndex: 1, action: 1, acl: 0, rule: 2 });
    expect(record.fields.acl?.tuple).toMatchObject({ src: "10.10.10.10", dst: "192.168.0.1", proto: 6, srcPort: 8080, dstPort: 20480, isInput: true, isSlowPath: false });
    expect(record.fields.acl?.pktInfoTuple).toMatchObject({ src: "10.10.10.10", dst: "192.168.0.1", proto: 6, srcPort: 8080, dstPort: 20480, swIfIndex: 1, l4Valid: true, isInput: true });
  });

  it("decodes the pre-17.07 ACL_IN line", () => {
    const { record } = decodeOne("04:36:30:022268: acl-plugin-in", "  ACL_IN: sw_if_index 33, next index 12, match: inacl 1 rule 5 trace_bits 00000002");
    expect(record.fields.acl).toMatchObject({ direction: "in", swIfIndex: 33, nextIndex: 12, acl: 1, rule: 5, traceBits: 2 });
  });

  it("warns once about a garbled acl-plugin line, where reading stopped, and invents no field", () => {
    const { record, warnings } = decodeOne("00:00:01:000000: acl-plugin-out-ip4-fa", "  acl-plugin: garbled");
    expect(warnings).toEqual(["acl-plugin-out-ip4-fa: ACL line: expected 'lc_index: N' or 'sw_if_index N', found 'garbled'"]);
    expect(record.fields.acl).toBeUndefined();
  });

  it("warns when an ACL record lacks its acl-plugin line, naming what was found", () => {
    const { warnings } = decodeOne(
      "00:00:01:000000: acl-plugin-out-ip4-fa",
      "  pkt info 0000000000000000 0c01010a00000000 0000000000000000 0901010a00000000 000700061f909b8c 0702ffff00000007",
      "   output sw_if_index 11 (lsb16 11) l3 ip4 10.1.1.12 -> 10.1.1.9 l4 proto 6 l4_valid 1 port 39820 -> 8080 tcp flags (valid) 02 rsvd 0",
    );
    expect(warnings).toEqual(["acl-plugin-out-ip4-fa: expected `acl-plugin: sw_if_index N, next index N, action: N, match: acl N rule N trace_bits …`, found 'pkt info 0000000000000000 0c01010a00000000 0000000000000000 0901010a00000000 000…'"]);
  });

  it("keeps what the node's name says and leaves out the interface when the acl-plugin line is missing", () => {
    const { record } = decodeOne("00:00:01:000000: acl-plugin-out-ip4-fa", "  pkt info 0000000000000000 0c01010a00000000 0000000000000000 0901010a00000000 000700061f909b8c 0702ffff00000007");
    expect(record.fields.acl).toMatchObject({ direction: "out", layer: "ip4" });
    expect(record.fields.acl?.swIfIndex).toBeUndefined();
  });
});
