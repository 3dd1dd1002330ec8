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

  it("decodes an ED record without a session and keeps its extra lines as key/values", () => {
    const { record } = decodeOne("00:00:01:000000: nat44-ed-in2out", "  NAT44_IN2OUT_ED_FAST_PATH: sw_if_index 1, next index 10", "  search key local 10.0.0.1:1234 remote 1.1.1.1:80 proto TCP fib 0 thread-index 0 session-index 0");
    expect(record.fields.nat).toEqual({ kind: "in2out", path: "fast", output: false, tag: "NAT44_IN2OUT_ED_FAST_PATH", swIfIndex: 1, nextIndex: 10 });
    expect(record.fields.kv).toMatchObject({ local: "10.0.0.1:1234", remote: "1.1.1.1:80", "thread-index": 0 });
  });
});
