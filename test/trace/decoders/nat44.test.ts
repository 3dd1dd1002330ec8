import { describe, expect, it } from "vitest";
import { decodeOne } from "./decode-helper.js";

describe("nat44 decoder", () => {
  it("decodes out2in with `session index`", () => {
    const { record } = decodeOne("01:59:50:724497: nat44-out2in", "  NAT44_OUT2IN: sw_if_index 6, next index 1, session index 5");
    expect(record.fields.nat).toEqual({ kind: "out2in", path: "fast", output: false, tag: "NAT44_OUT2IN", swIfIndex: 6, nextIndex: 1, session: 5 });
  });

  it("decodes the output slow path with `session`", () => {
    const { record } = decodeOne("04:26:22:973926: nat44-in2out-output-slowpath", "  NAT44_IN2OUT_SLOW_PATH: sw_if_index 3, next index 0, session 0");
    expect(record.fields.nat).toMatchObject({ kind: "in2out", path: "slow", output: true, swIfIndex: 3, session: 0 });
  });

  it("decodes an ED record without a session and types its search key", () => {
    const { record, warnings } = decodeOne("00:00:01:000000: nat44-ed-in2out", "  NAT44_IN2OUT_ED_FAST_PATH: sw_if_index 1, next index 10", "  search key local 10.0.0.1:1234 remote 1.1.1.1:80 proto TCP fib 0 thread-index 0 session-index 0");
    expect(warnings).toEqual([]);
    expect(record.fields.nat).toEqual({
      kind: "in2out", path: "fast", output: false, tag: "NAT44_IN2OUT_ED_FAST_PATH", swIfIndex: 1, nextIndex: 10,
      searchKey: { local: "10.0.0.1", localPort: 1234, remote: "1.1.1.1", remotePort: 80, proto: "TCP", fib: 0, threadIndex: 0, sessionIndex: 0 },
    });
    expect(record.fields.kv).toBeUndefined();
  });

  it("decodes a 26.06 ED out2in record: translation result, both flows and their rewrites, lookup, slow path reason, TCP state", () => {
    const { record, warnings } = decodeOne(
      "00:00:14:614974: nat44-ed-out2in",
      "  NAT44_OUT2IN_ED_FAST_PATH: sw_if_index 7, next index 10, session 0, translation result 'success' via o2if",
      "  i2of match: saddr 10.1.1.2 sport 51048 daddr 203.0.113.10 dport 8080 proto TCP fib_idx 0 rewrite: saddr 192.168.41.1 sport 51048 daddr 203.0.113.10 dport 8080 txfib 0 ",
      "  o2if match: saddr 203.0.113.10 sport 8080 daddr 192.168.41.1 dport 51048 proto TCP fib_idx 0 rewrite: saddr 203.0.113.10 daddr 10.1.1.2 dport 51048 txfib 0 ",
      "  search key local 203.0.113.10:8080 remote 192.168.41.1:51048 proto TCP fib 0 thread-index 0 session-index 0",
      "  no reason for slow path",
      "  TCP state: closed",
    );
    expect(warnings).toEqual([]);
    expect(record.fields.kv).toBeUndefined();
    expect(record.fields.nat).toMatchObject({
      kind: "out2in", path: "fast", swIfIndex: 7, nextIndex: 10, session: 0, translationResult: "success", via: "o2if",
      i2of: { match: { saddr: "10.1.1.2", sport: 51048, daddr: "203.0.113.10", dport: 8080, proto: "TCP", fibIdx: 0 }, rewrite: { saddr: "192.168.41.1", sport: 51048, daddr: "203.0.113.10", dport: 8080, txfib: 0 } },
      o2if: { match: { saddr: "203.0.113.10", sport: 8080, daddr: "192.168.41.1", dport: 51048 }, rewrite: { saddr: "203.0.113.10", daddr: "10.1.1.2", dport: 51048, txfib: 0 } },
      searchKey: { local: "203.0.113.10", localPort: 8080, remote: "192.168.41.1", remotePort: 51048, sessionIndex: 0 },
      slowPathReason: "no reason for slow path",
      tcpState: "closed",
    });
  });

  it("reports a garbled flow line where reading stopped and leaves the flow out", () => {
    const { record, warnings } = decodeOne("00:00:01:000000: nat44-ed-in2out", "  NAT44_IN2OUT_ED_FAST_PATH: sw_if_index 1, next index 10, session 0, translation result 'success' via i2of", "  i2of match: saddr 10.1.1.2 sport x");
    expect(warnings).toEqual(["nat44-ed-in2out: NAT44 flow line: expected 'sport N' (0 to 65535), found 'sport x'"]);
    expect(record.fields.nat?.i2of).toBeUndefined();
  });
});
