#!/bin/bash
# The two-node Contiv/VPP-like lab on one machine (adapted from ../shared/lab/topology.sh,
# where it was tried: 8-17 s up, 90 of 90 connections in repeated runs).
#
#   node N (N = 1, 2) = VPP instance labN (startup-labN.conf, /run/vpp/cli-labN.sock)
#     lab-nN-podA  eth0 10.1.N.2/32 <-veth lvNa/af_packet-> VPP host-lvNa (L3, marker 10.2.N.2/32,
#                                                       /32 route + static ARP to the pod)
#     lab-nN-podB  eth0 10.1.N.3/32 <-veth lvNb/af_packet-> VPP host-lvNb (marker 10.2.N.3/32)
#     lab-nN-host  vppN 172.30.N.2/24 (+10.20.0.N/32 "node IP" on lo)
#                                   <-veth lvNh/af_packet-> VPP host-lvNh 172.30.N.1/24
#   (Contiv used tap v2 here; this machine's kernel has no vhost-net, so af_packet it is.)
#     loop0 192.168.30.N/24 = BVI of bridge domain 1, with vxlan_tunnel0 (VNI 10) to the other node
#     underlay: veth lab-ulN (root netns) attached with af_packet as host-lab-ulN, 192.168.16.N/24
#     "internet": host-lxN 192.168.4N.1/24 (default route) <-veth-> lab-nN-ext 192.168.4N.2,
#                 external server 203.0.113.10 on its lo; NAT44 source-NAT (output feature)
#   pods use the Contiv conventions: MAC 00:00:00:00:00:02, virtual gateway 10.1.N.1 with
#   a link route + static ARP entry pointing at the VPP side of their interface.
#   NAT44-ED: every interface inside+outside (nat44-ed-classify), forwarding enabled,
#   static mappings for the service VIPs (same on both nodes):
#     10.96.0.10:80 -> 10.1.1.3:8080 (pod on node 1)
#     10.96.0.20:80 -> 10.1.2.3:8080 (pod on node 2)
#     10.96.0.30:80 -> 10.20.0.1:8080 (host network stack of node 1)
#   ACLs: acl 0 = reflective (permit+reflect any) on input of every interface,
#         acl 1 = "global" egress ACL (deny tcp dport 9999, permit any) on output.
#
# Usage: topology.sh up | down | status
#   env UNDERLAY_NAT=0 (default) | 1 : NAT44 output feature on the underlay as in Contiv
#                    (node IP in the pool + identity mapping for the node IP)
set -euo pipefail
LAB=$(cd "$(dirname "$0")" && pwd)
. "$LAB/lab-lib.sh"
UNDERLAY_NAT=${UNDERLAY_NAT:-0}

NODES="1 2"
ns_list() { for n in $NODES; do echo lab-n$n-host lab-n$n-podA lab-n$n-podB lab-n$n-ext; done; }

# mkns NS : create a namespace with IPv6 off (keeps router solicitations/MLD out of the traces)
mkns() {
  ip netns add "$1"
  ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
}

# Pods and the host netns are attached with veth pairs + af_packet, because the kernel of the
# machine this was made on has no /dev/vhost-net, which VPP's tap v2 needs (see README).
# veth_if NS IFNAME VETH MAC IP/LEN VPPMAC : veth with one end (renamed IFNAME) in NS,
#   the other end (VETH) in the root netns, attached to VPP as host-VETH.
veth_if() {
  local n=$1 ns=$2 ifn=$3 v=$4 mac=$5 addr=$6 vppmac=$7
  ip link add "$v" type veth peer name "$ifn" netns "$ns"
  sysctl -qw net.ipv6.conf.$v.disable_ipv6=1
  ip link set "$v" up
  ip -n "$ns" link set "$ifn" address "$mac" mtu 1450 up
  ip -n "$ns" link set lo up
  ip -n "$ns" addr add "$addr" dev "$ifn"
  vcmd "$n" create host-interface name "$v" hw-addr "$vppmac"
  vcmd "$n" set interface state host-"$v" up
}

pod_up() { # node podletter podip vppmac
  local n=$1 p=$2 ip=$3 vppmac=$4 ns=lab-n$1-pod$2
  local v=lv$n$(echo "$p" | tr AB ab)
  mkns "$ns"
  veth_if "$n" "$ns" eth0 "$v" 00:00:00:00:00:02 "$ip/32" "$vppmac"
  ip -n "$ns" route add 10.1.$n.1 dev eth0 scope link
  ip -n "$ns" route add default via 10.1.$n.1 dev eth0
  ip -n "$ns" neigh replace 10.1.$n.1 lladdr "$vppmac" dev eth0 nud permanent
  # marker address puts the interface into L3 mode; /32 route + static ARP to the pod
  vcmd "$n" set interface ip address host-"$v" 10.2.$n.${ip##*.}/32
  vcmd "$n" ip route add "$ip/32" via "$ip" host-"$v"
  vcmd "$n" set ip neighbor host-"$v" "$ip" 00:00:00:00:00:02 static
}

node_up() {
  local n=$1 o=$((3 - $1))
  vpp_start "$n"
  # --- host interconnect (tap0 <-> vpp1 in Contiv; here host-lvNh <-> vppN) ---
  mkns lab-n$n-host
  veth_if "$n" lab-n$n-host vpp$n lv${n}h 02:fe:0$n:ff:00:02 172.30.$n.2/24 02:fe:0$n:00:00:00
  ip -n lab-n$n-host addr add 10.20.0.$n/32 dev lo
  ip -n lab-n$n-host route add 10.1.0.0/16 via 172.30.$n.1
  ip -n lab-n$n-host route add 10.96.0.0/12 via 172.30.$n.1
  vcmd "$n" set interface ip address host-lv${n}h 172.30.$n.1/24
  vcmd "$n" ip route add 10.20.0.$n/32 via 172.30.$n.2 host-lv${n}h
  # --- pods ---
  pod_up "$n" A 10.1.$n.2 02:fe:0$n:00:00:01
  pod_up "$n" B 10.1.$n.3 02:fe:0$n:00:00:02
  # --- underlay (GigabitEthernet in Contiv; here af_packet on a veth) ---
  vcmd "$n" create host-interface name lab-ul$n hw-addr 08:00:27:00:16:0$n
  vcmd "$n" set interface state host-lab-ul$n up
  vcmd "$n" set interface ip address host-lab-ul$n 192.168.16.$n/24
  # --- loop0 BVI + VXLAN to the other node in bridge domain 1 ---
  vcmd "$n" create loopback interface mac 1a:2b:3c:4d:5e:0$n
  vcmd "$n" create bridge-domain 1 learn 1 forward 1 uu-flood 1 flood 1 arp-term 0
  vcmd "$n" set interface l2 bridge loop0 1 bvi
  vcmd "$n" set interface state loop0 up
  vcmd "$n" set interface ip address loop0 192.168.30.$n/24
  vcmd "$n" create vxlan tunnel src 192.168.16.$n dst 192.168.16.$o vni 10
  vcmd "$n" set interface l2 bridge vxlan_tunnel0 1 1
  vcmd "$n" set interface state vxlan_tunnel0 up
  vcmd "$n" set ip neighbor loop0 192.168.30.$o 1a:2b:3c:4d:5e:0$o static
  vcmd "$n" l2fib add 1a:2b:3c:4d:5e:0$o 1 vxlan_tunnel0 static
  vcmd "$n" ip route add 10.1.$o.0/24 via 192.168.30.$o loop0
  # --- "internet" uplink: veth lxN <-> netns lab-nN-ext, an external server 203.0.113.10 ---
  mkns lab-n$n-ext
  veth_if "$n" lab-n$n-ext ext0 lx$n 02:fe:0$n:ee:00:02 192.168.4$n.2/24 02:fe:0$n:ee:00:01
  ip -n lab-n$n-ext addr add 203.0.113.10/32 dev lo
  ip -n lab-n$n-ext route add default via 192.168.4$n.1
  vcmd "$n" set interface ip address host-lx$n 192.168.4$n.1/24
  vcmd "$n" ip route add 0.0.0.0/0 via 192.168.4$n.2 host-lx$n
  # --- NAT44 (services) ---
  local ifs="host-lv${n}h host-lv${n}a host-lv${n}b loop0"
  vcmd "$n" nat44 plugin enable sessions 10000
  vcmd "$n" nat44 forwarding enable
  for i in $ifs; do vcmd "$n" set interface nat44 in "$i" out "$i"; done
  if [ "$UNDERLAY_NAT" != 0 ]; then
    # as Contiv did: node IP in the SNAT pool, NAT post-routing on the uplink (GbE there,
    # the underlay veth here) and an identity mapping so that VXLAN is never translated.
    vcmd "$n" nat44 add address 192.168.16.$n
    vcmd "$n" set interface nat44 out host-lab-ul$n output-feature
    vcmd "$n" nat44 add identity mapping 192.168.16.$n
  fi
  # pod -> internet: source NAT to the uplink address (post-routing, like Contiv's GbE)
  vcmd "$n" nat44 add address 192.168.4$n.1
  vcmd "$n" set interface nat44 out host-lx$n output-feature
  vcmd "$n" nat44 add static mapping tcp local 10.1.1.3 8080 external 10.96.0.10 80 out2in-only
  vcmd "$n" nat44 add static mapping tcp local 10.1.2.3 8080 external 10.96.0.20 80 out2in-only
  vcmd "$n" nat44 add static mapping tcp local 10.20.0.1 8080 external 10.96.0.30 80 out2in-only
  # --- ACLs: reflective on input, "global" egress ACL on output ---
  vcmd "$n" set acl-plugin acl permit+reflect src 0.0.0.0/0 dst 0.0.0.0/0 tag lab-reflective
  vcmd "$n" set acl-plugin acl deny src 0.0.0.0/0 dst 0.0.0.0/0 proto 6 dport 9999, permit src 0.0.0.0/0 dst 0.0.0.0/0 tag lab-global
  for i in $ifs host-lab-ul$n host-lx$n; do
    vcmd "$n" set acl-plugin interface "$i" input acl 0
    vcmd "$n" set acl-plugin interface "$i" output acl 1
  done
}

up() {
  ip link add lab-ul1 type veth peer name lab-ul2
  for i in lab-ul1 lab-ul2; do
    sysctl -qw net.ipv6.conf.$i.disable_ipv6=1
    ip link set "$i" mtu 1600 up
  done
  for n in $NODES; do node_up "$n"; done
  # underlay reachability check (also resolves the underlay ARP entries)
  vctl 1 ping 192.168.16.2 repeat 2 interval 0.2 || true
  echo "UNDERLAY_NAT=$UNDERLAY_NAT" > "$RUN/lab-topology.env"
  log "topology up"
}

down() {
  set +e
  for n in $NODES; do vpp_stop "$n"; done
  for ns in $(ns_list); do ip netns del "$ns" 2>/dev/null; done
  ip link del lab-ul1 2>/dev/null
  for n in $NODES; do for v in lv${n}a lv${n}b lv${n}h lx$n; do ip link del "$v" 2>/dev/null; done; done
  rm -f "$RUN/lab-topology.env"
  log "topology down"
}

status() {
  for n in $NODES; do
    echo "=== vpp$n (pid $(vpp_pid $n || echo -)) ==="
    vpp_running "$n" || { echo "not running"; continue; }
    vctl "$n" show interface address
    vctl "$n" show ip fib table 0 | grep -E '^[0-9]' || true
    vctl "$n" show nat44 static mappings 2>/dev/null || vctl "$n" show nat44 ei static mappings 2>/dev/null || true
    vctl "$n" show acl-plugin interface
  done
  ip netns list | grep '^lab-' || true
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
