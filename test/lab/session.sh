#!/bin/bash
# One lab session for the test suite: brings the two-node lab up, captures every scenario of
# the packet-flow guide (a whole TCP connection each), captures them all again (a second
# run: new ports, IP IDs, sequence numbers), pings, a few live configuration changes, and the
# underlay-NAT topology variant; dumps each node's state (`show` outputs) beside its traces.
#
# Usage: session.sh OUT_DIR        (root; VPP in /opt/vpp; serialised by a lock: the lab's
#                                   namespaces, veths and sockets have fixed names)
# Writes OUT_DIR/index.tsv (set, id, scenario, node, file, client result), OUT_DIR/<set>/…,
# OUT_DIR/session.log, and last OUT_DIR/status ("ok" or "failed: why").
set -uo pipefail
LAB=$(cd "$(dirname "$0")" && pwd)
OUT=${1:?usage: session.sh OUT_DIR}
mkdir -p "$OUT"
exec 2>>"$OUT/session.log"
. "$LAB/lab-lib.sh"
INDEX=$OUT/index.tsv
TRACE_N=50
printf 'set\tid\tscenario\tnode\tfile\tresult\n' > "$INDEX"

finish() { echo "$1" > "$OUT/status.tmp" && mv "$OUT/status.tmp" "$OUT/status"; }
fail() { log "FAILED: $*"; "$LAB/topology.sh" down >/dev/null 2>&1; finish "failed: $*"; exit 1; }

exec 9>/tmp/vpptrace-lab.lock
flock -w 600 9 || fail "another lab session held /tmp/vpptrace-lab.lock for 10 minutes"

SERVER_PIDS=()
start_server() { # ns ip port name
  ip netns exec "$1" "$NODE_BIN" "$LAB/tcp.mjs" server "$2" "$3" "$4" >/dev/null 2>&1 &
  SERVER_PIDS+=($!)
}
stop_servers() { for p in "${SERVER_PIDS[@]}"; do kill "$p" 2>/dev/null; done; SERVER_PIDS=(); }
trap 'stop_servers; "$LAB/topology.sh" down >/dev/null 2>&1' EXIT

# id|scenario|client netns|dst ip|dst port|traced nodes|how (tcp, ping, or a setup hook)
SCENARIOS=(
  "01|pod-to-pod-same-node|lab-n1-podA|10.1.1.3|8080|1|tcp"
  "02|pod-to-pod-other-node|lab-n1-podA|10.1.2.3|8080|1 2|tcp"
  "03|pod-to-host|lab-n1-podA|10.20.0.1|8080|1|tcp"
  "04|host-to-pod|lab-n1-host|10.1.1.3|8080|1|tcp"
  "05|pod-to-internet|lab-n1-podA|203.0.113.10|8080|1|tcp"
  "06|pod-to-service-same-node|lab-n1-podA|10.96.0.10|80|1|tcp"
  "07|pod-to-service-other-node|lab-n1-podA|10.96.0.20|80|1 2|tcp"
  "08|pod-to-service-host|lab-n1-podA|10.96.0.30|80|1|tcp"
  "09|host-to-service|lab-n1-host|10.96.0.10|80|1|host_dnat"
  "10|pod-to-pod-same-node-denied-by-egress-acl|lab-n1-podA|10.1.1.3|9999|1|tcp"
  "11|pod-to-pod-other-node-reverse|lab-n2-podA|10.1.1.3|8080|1 2|tcp"
  "12|ping-pod-to-pod-same-node|lab-n1-podA|10.1.1.3|-|1|ping"
  "13|ping-pod-to-pod-other-node|lab-n1-podA|10.1.2.3|-|1 2|ping"
)

# Scenario 09: kube-proxy DNATs service traffic inside the host stack before it reaches VPP;
# emulated with nftables in the host namespace.
host_dnat() {
  command -v nft >/dev/null || { log "nft not installed: scenario 09 cannot run"; return 1; }
  ip netns exec lab-n1-host nft -f - <<'NFT'
table ip labkp
delete table ip labkp
table ip labkp {
  chain output { type nat hook output priority -100; ip daddr 10.96.0.10 tcp dport 80 dnat to 10.1.1.3:8080; }
}
NFT
}

# capture SET ID… : each scenario traced on its nodes into OUT/SET/<id>-<scenario>.vppN.txt
capture() {
  local set=$1; shift
  local want=" $* " s id name ns dst port nodes how n result f
  mkdir -p "$OUT/$set"
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r id name ns dst port nodes how <<< "$s"
    if [ "$want" != "  " ] && [[ "$want" != *" $id "* ]]; then continue; fi
    if [ "$how" != tcp ] && [ "$how" != ping ] && ! "$how"; then continue; fi
    for n in $nodes; do
      vctl "$n" clear trace
      vcmd "$n" trace add af-packet-input "$TRACE_N" >/dev/null || fail "trace add on vpp$n"
    done
    if [ "$how" = ping ]; then
      result=$(ip netns exec "$ns" ping -c 2 -i 0.2 -W 2 "$dst" >/dev/null 2>&1 && echo "OK ping $dst" || echo "FAIL ping $dst")
    else
      result=$(ip netns exec "$ns" "$NODE_BIN" "$LAB/tcp.mjs" client "$dst" "$port" 3)
    fi
    sleep 0.5
    log "$set $id $name: $result"
    for n in $nodes; do
      f="$set/$id-$name.vpp$n.txt"
      vctl "$n" show trace max "$TRACE_N" > "$OUT/$f"
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$id" "$name" "$n" "$f" "$result" >> "$INDEX"
      vctl "$n" clear trace
    done
  done
}

# dump_state SET : each node's state, every command under its `vpp# show …` line.
dump_state() {
  local set=$1 n c i
  for n in 1 2; do
    {
      for c in "show version verbose" "show interface" "show hardware-interfaces brief" "show interface address" \
               "show ip fib table 0" "show ip neighbors" "show bridge-domain 1 detail" "show vxlan tunnel" \
               "show l2fib verbose" "show nat44 interfaces" "show nat44 static mappings" \
               "show nat44 addresses" "show nat44 summary" "show mode" \
               "show acl-plugin acl" "show acl-plugin interface" "show errors"; do
        echo "vpp# $c"; vctl "$n" $c 2>&1; echo
      done
      for i in $(vctl "$n" show interface | awk 'NR>1 && $1 !~ /^ / && NF>=3 && $2 ~ /^[0-9]+$/ {print $1}'); do
        echo "vpp# show interface features $i"; vctl "$n" show interface features "$i" 2>&1; echo
      done
    } > "$OUT/$set/state.vpp$n.txt"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$set" state state "$n" "$set/state.vpp$n.txt" - >> "$INDEX"
  done
}

servers_up() {
  start_server lab-n1-podB 10.1.1.3 8080 n1-podB
  start_server lab-n1-podB 10.1.1.3 9999 n1-podB-9999
  start_server lab-n2-podB 10.1.2.3 8080 n2-podB
  start_server lab-n1-host 10.20.0.1 8080 n1-host
  start_server lab-n1-ext 203.0.113.10 8080 n1-ext
  sleep 1
}

# A live change on one node, captured against the state dumped before it, then undone.
change() { # name scenario-ids do-commands undo-commands (each "N cmd; N cmd")
  local name=$1 ids=$2 do=$3 undo=$4 c
  IFS=';' read -ra cmds <<< "$do"
  for c in "${cmds[@]}"; do vcmd ${c} >/dev/null || fail "change $name: $c"; done
  capture "change-$name" $ids
  IFS=';' read -ra cmds <<< "$undo"
  for c in "${cmds[@]}"; do [ -n "${c// }" ] && { vcmd ${c} >/dev/null || fail "undo $name: $c"; }; done
}

"$LAB/topology.sh" down >/dev/null 2>&1
"$LAB/topology.sh" up >/dev/null || fail "topology up"
servers_up
capture default
dump_state default
capture rerun
change mapping-moved "06" \
  "1 nat44 add static mapping tcp local 10.1.1.3 8080 external 10.96.0.10 80 out2in-only del; 1 nat44 add static mapping tcp local 10.1.2.3 8080 external 10.96.0.10 80 out2in-only" \
  "1 nat44 add static mapping tcp local 10.1.2.3 8080 external 10.96.0.10 80 out2in-only del; 1 nat44 add static mapping tcp local 10.1.1.3 8080 external 10.96.0.10 80 out2in-only"
change route-changed "02" \
  "1 ip route del 10.1.2.0/24 via 192.168.30.2 loop0; 1 ip route add 10.1.2.0/24 via 192.168.41.2 host-lx1" \
  "1 ip route del 10.1.2.0/24 via 192.168.41.2 host-lx1; 1 ip route add 10.1.2.0/24 via 192.168.30.2 loop0"
change egress-acl-removed "10" \
  "1 set acl-plugin interface host-lv1b output acl 1 del" \
  "1 set acl-plugin interface host-lv1b output acl 1"
# last: the tunnel is not restored (the topology goes down next)
change vni-changed "02" \
  "2 set interface l3 vxlan_tunnel0; 2 create vxlan tunnel src 192.168.16.2 dst 192.168.16.1 vni 10 del; 2 create vxlan tunnel src 192.168.16.2 dst 192.168.16.1 vni 11; 2 set interface l2 bridge vxlan_tunnel0 1 1; 2 set interface state vxlan_tunnel0 up; 2 l2fib add 1a:2b:3c:4d:5e:01 1 vxlan_tunnel0 static" \
  ""
for h in "$LAB"/hooks/*.sh; do
  [ -e "$h" ] || continue
  log "hook $(basename "$h")"
  # A hook runs while the lab is up, with lab-lib.sh's helpers; it writes under OUT/hooks/.
  mkdir -p "$OUT/hooks"
  OUT="$OUT" LAB="$LAB" bash -c '. "$LAB/lab-lib.sh"; . "$0"' "$h" >> "$OUT/session.log" 2>&1 || fail "hook $(basename "$h")"
done
stop_servers
"$LAB/topology.sh" down >/dev/null
UNDERLAY_NAT=1 "$LAB/topology.sh" up >/dev/null || fail "topology up (underlay NAT)"
servers_up
capture underlay-nat
dump_state underlay-nat
stop_servers
"$LAB/topology.sh" down >/dev/null
finish ok
