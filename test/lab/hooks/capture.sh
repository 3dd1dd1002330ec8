# vpptrace capture against the lab's node 1 (its vppctl on the lab's socket) while a pod
# connects to a service; the capture file and capture's messages go to $OUT/hooks/ for
# test/lab/capture.test.ts. A failure is recorded there, not raised: the other lab tests
# still run, and the test says what went wrong.
vpptrace="$LAB/../../dist/cli/vpptrace.js"
out="$OUT/hooks"
"$NODE_BIN" "$vpptrace" capture --vppctl "$VPPCTL -s $(sock 1)" --duration 8 -n 10 -o "$out/capture.vpp1.txt" 2> "$out/capture.stderr" &
pid=$!
sleep 2
ip netns exec lab-n1-podA "$NODE_BIN" "$LAB/tcp.mjs" client 10.96.0.10 80 3 > "$out/capture.client" 2>&1
wait "$pid"; echo "$?" > "$out/capture.code"
# A VPP that is not there: one line, exit 2.
"$NODE_BIN" "$vpptrace" capture --vppctl "$VPPCTL -s $RUN/no-such-lab.sock" --duration 1 > /dev/null 2> "$out/capture-bad.stderr"
echo "$?" > "$out/capture-bad.code"
true
