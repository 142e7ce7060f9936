#!/bin/sh
# podpath-collect.sh: reads a Linux node's network configuration, for every network namespace
# it can enter, and prints one JSON snapshot that `podpath import` turns into a lab.
# docs/debug-your-node.md describes the snapshot and exactly what is read.
#
# It changes nothing on the node: it only runs read commands (ip … show/-j, bridge … show,
# iptables-save, ipset save, ipvsadm -Sn, conntrack -L when asked) and reads /proc and
# /run/netns. Run it as root (iptables-save, ipset and entering namespaces need it).
#
# POSIX sh and awk; the tools are iproute2 (ip, bridge), iptables, ipset, ipvsadm and
# conntrack when present, and nsenter (util-linux) to enter the namespace of a process that
# has no name in /run/netns.
set -u

VERSION=1
usage() {
  cat <<'EOF'
usage: podpath-collect.sh [--name NAME] [--root NETNS] [--netns NETNS[=LABEL]]...
                          [--conntrack] [--redact] [-o FILE]

Prints a JSON snapshot of this node's network configuration (podpath import reads it).
Without --root/--netns: the root namespace, every named namespace (/run/netns) and the
namespace of every process (/proc/PID/ns/net), each namespace once.

  --name NAME           the machine's name in the snapshot (default: hostname)
  --root NETNS          collect named namespace NETNS as the machine's root namespace
  --netns NETNS[=LABEL] collect named namespace NETNS, recorded as LABEL (default NETNS);
                        with --root or --netns only the namespaces named are collected
  --conntrack           also read the conntrack table (conntrack -L); off by default
  --redact              map addresses, MACs, host, namespace and pod names and iptables
                        comments to stand-ins, consistently, for sharing in a bug report
  -o FILE               write to FILE instead of standard output
EOF
}

NAME=''
ROOT=''
PICKED=''
CONNTRACK=0
REDACT=0
OUT=''
while [ $# -gt 0 ]; do
  case "$1" in
    --name) [ $# -ge 2 ] || { usage >&2; exit 2; }; NAME=$2; shift 2 ;;
    --name=*) NAME=${1#--name=}; shift ;;
    --root) [ $# -ge 2 ] || { usage >&2; exit 2; }; ROOT=$2; shift 2 ;;
    --root=*) ROOT=${1#--root=}; shift ;;
    --netns) [ $# -ge 2 ] || { usage >&2; exit 2; }; PICKED="$PICKED $2"; shift 2 ;;
    --netns=*) PICKED="$PICKED ${1#--netns=}"; shift ;;
    --conntrack) CONNTRACK=1; shift ;;
    --redact) REDACT=1; shift ;;
    -o|--output) [ $# -ge 2 ] || { usage >&2; exit 2; }; OUT=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "podpath-collect: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

have() { command -v "$1" >/dev/null 2>&1; }
have ip || { echo "podpath-collect: needs iproute2 (ip)" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/podpath-collect.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT INT TERM

# ---- JSON helpers -------------------------------------------------------------------------

# Standard input as one JSON string: backslash, quote and control characters escaped, lines
# joined with \n.
json_text() {
  awk 'BEGIN {
         ORS = ""; printf "\""
         for (i = 1; i < 32; i++) if (i != 9 && i != 10 && i != 13) ctl[sprintf("%c", i)] = sprintf("\\u%04x", i)
       }
       {
         gsub(/\\/, "&&"); gsub(/"/, "\\\\&"); gsub(/\t/, "\\t"); gsub(/\r/, "\\r")
         if ($0 ~ /[\001-\010\013\014\016-\037]/) {
           out = ""
           for (j = 1; j <= length($0); j++) { c = substr($0, j, 1); out = out ((c in ctl) ? ctl[c] : c) }
           $0 = out
         }
         if (NR > 1) printf "\\n"
         printf "%s", $0
       }
       END { printf "\"" }'
}

# A shell value as a JSON string.
json_str() { printf '%s\n' "$1" | json_text; }

# Runs a command (in the namespace, through $RUN) whose output is JSON already (ip -j …):
# prints it, or null and records why in the namespace's errors.
json_cmd() {
  key=$1; shift
  if $RUN "$@" >"$TMP/out" 2>"$TMP/err" && [ -s "$TMP/out" ]; then
    redact <"$TMP/out"
  else
    printf 'null'
    { printf '%s: ' "$key"; head -c 300 "$TMP/err"; echo; } >>"$TMP/errors"
  fi
}

# Runs a command whose output is text: prints it as a JSON string, or null (recording why).
text_cmd() {
  key=$1; shift
  if $RUN "$@" >"$TMP/out" 2>"$TMP/err"; then
    redact <"$TMP/out" | json_text
  else
    printf 'null'
    { printf '%s: ' "$key"; head -c 300 "$TMP/err"; echo; } >>"$TMP/errors"
  fi
}

# ---- --redact ------------------------------------------------------------------------------

# IPv4 addresses keep their last two octets and get a stand-in first two (10.100, 10.101 …) per
# distinct first two, so subnets of /16 and longer stay subnets; a prefix shorter than /16 is
# kept as it is (it names a range, not a host), and so are 0/8, 127/8, 169.254/16 and 224/3.
# MACs get stand-ins (02:00:00:…, the group bit kept); the host, namespace and pod names and
# iptables comments get numbered stand-ins. Device and chain names are kept: they say which
# CNI made them, not whose node it is. One state file keeps the mapping consistent across the
# whole snapshot; each output is filtered line by line (ip's JSON pretty-printed for that).
cat >"$TMP/redact.awk" <<'AWK'
function kept(a,   o) { split(a, o, "."); return o[1] == 0 || o[1] == 127 || o[1] >= 224 || (o[1] == 169 && o[2] == 254) }
function ip(a, plen,   o, k) {
  if (kept(a) || (plen != "" && plen + 0 < 16)) return a
  split(a, o, "."); k = o[1] "." o[2]
  if (!(("net", k) in map)) map["net", k] = "10." (100 + count["net"]++)
  return map["net", k] "." o[3] "." o[4]
}
function mac(m,   k, g) {
  k = tolower(m)
  if (k == "00:00:00:00:00:00" || k == "ff:ff:ff:ff:ff:ff") return m
  if (!(("mac", k) in map)) {
    n = ++count["mac"]; g = index("13579bdf", substr(k, 2, 1)) ? "03" : "02"
    map["mac", k] = sprintf("%s:00:00:%02x:%02x:%02x", g, int(n / 65536) % 256, int(n / 256) % 256, n % 256)
  }
  return map["mac", k]
}
function named(kind, v) {
  if (v == "" || v == "root") return v
  if (!(("name", v) in map)) map["name", v] = kind "-" (++count[kind])
  return map["name", v]
}
BEGIN {
  while ((getline l < state) > 0) { split(l, f, "\t"); if (f[1] == "count") count[f[2]] = f[3]; else map[f[1], f[2]] = f[3] }
  close(state)
}
mode == "name" { print named(kind, $0); next }
{
  line = $0; out = ""
  while (match(line, /"name": ?"[^"]*"/)) {
    field = substr(line, RSTART, RLENGTH); i = index(field, "\""); v = substr(field, index(field, ":") + 1); sub(/^ ?"/, "", v); sub(/"$/, "", v)
    out = out substr(line, 1, RSTART - 1) "\"name\":\"" named("netns", v) "\""; line = substr(line, RSTART + RLENGTH)
  }
  line = out line; out = ""
  while (match(line, /--comment "[^"]*"/)) {
    c = substr(line, RSTART + 11, RLENGTH - 12)
    if (!(("comment", c) in map)) map["comment", c] = "comment-" (++count["comment"])
    out = out substr(line, 1, RSTART - 1) "--comment \"" map["comment", c] "\""; line = substr(line, RSTART + RLENGTH)
  }
  line = out line; out = ""
  while (match(line, /[0-9a-fA-F][0-9a-fA-F]:[0-9a-fA-F][0-9a-fA-F]:[0-9a-fA-F][0-9a-fA-F]:[0-9a-fA-F][0-9a-fA-F]:[0-9a-fA-F][0-9a-fA-F]:[0-9a-fA-F][0-9a-fA-F]/)) {
    out = out substr(line, 1, RSTART - 1) mac(substr(line, RSTART, RLENGTH)); line = substr(line, RSTART + RLENGTH)
  }
  line = out line; out = ""
  while (match(line, /[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+(\/[0-9]+)?/)) {
    pre = substr(line, 1, RSTART - 1); m = substr(line, RSTART, RLENGTH); line = substr(line, RSTART + RLENGTH)
    if (pre ~ /[0-9.]$/) { out = out pre m; continue }
    s = index(m, "/"); a = s ? substr(m, 1, s - 1) : m; p = s ? substr(m, s + 1) : ""
    out = out pre ip(a, p) (s ? "/" p : "")
  }
  print out line
}
END {
  printf "" > state
  for (k in count) print "count\t" k "\t" count[k] > state
  for (k in map) { split(k, f, SUBSEP); print f[1] "\t" f[2] "\t" map[k] > state }
  close(state)
}
AWK
: >"$TMP/redact.state"
# Standard input, redacted when --redact was given.
redact() { if [ "$REDACT" = 1 ]; then awk -v state="$TMP/redact.state" -f "$TMP/redact.awk"; else cat; fi; }
# One name (host, namespace, pod), redacted when --redact was given.
redact_name() { if [ "$REDACT" = 1 ]; then printf '%s\n' "$2" | awk -v state="$TMP/redact.state" -v mode=name -v kind="$1" -f "$TMP/redact.awk"; else printf '%s\n' "$2"; fi; }
PRETTY=''
[ "$REDACT" = 1 ] && PRETTY=-p

# ---- which iptables ------------------------------------------------------------------------

# iptables 1.8 says "(nf_tables)" or "(legacy)" in its version; older ones are legacy only.
BACKEND=unknown
SAVE=''
if have iptables; then
  case "$(iptables -V 2>/dev/null)" in
    *nf_tables*) BACKEND=nft ;;
    *) BACKEND=legacy ;;
  esac
fi
if have iptables-save; then SAVE=iptables-save; fi

# ---- the namespaces ------------------------------------------------------------------------

# One line per namespace to collect: INODE<TAB>KIND<TAB>HOW<TAB>LABEL<TAB>POD, HOW being how
# to enter it (- for ours, netns:NAME, pid:PID).
ns_inode() { readlink "$1" 2>/dev/null | sed -n 's/^net:\[\([0-9]*\)\]$/\1/p'; }
named_inode() { ls -Lid "/run/netns/$1" 2>/dev/null | awk '{ print $1 }'; }

: >"$TMP/list"
add_ns() { # inode kind how label pod
  [ -n "$1" ] || return 0
  if ! awk -F '\t' -v i="$1" '$1 == i { found = 1 } END { exit !found }' "$TMP/list"; then
    printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$TMP/list"
  fi
}

# The pod a process belongs to, as far as the container runtime says: Kubernetes sets
# HOSTNAME to the pod's name in every container (and the container's /etc/hostname).
pod_of() {
  p=$(tr '\0' '\n' <"/proc/$1/environ" 2>/dev/null | sed -n 's/^HOSTNAME=//p' | head -n 1)
  [ -n "$p" ] || p=$(head -n 1 "/proc/$1/root/etc/hostname" 2>/dev/null)
  printf '%s' "$p"
}

if [ -n "$ROOT" ] || [ -n "$PICKED" ]; then
  if [ -n "$ROOT" ]; then
    i=$(named_inode "$ROOT")
    [ -n "$i" ] || { echo "podpath-collect: no network namespace named $ROOT" >&2; exit 2; }
    add_ns "$i" root "netns:$ROOT" root ''
  fi
  for spec in $PICKED; do
    ns=${spec%%=*}
    label=${spec#*=}
    i=$(named_inode "$ns")
    [ -n "$i" ] || { echo "podpath-collect: no network namespace named $ns" >&2; exit 2; }
    add_ns "$i" netns "netns:$ns" "$label" ''
  done
else
  add_ns "$(ns_inode /proc/self/ns/net)" root - root ''
  if [ -d /run/netns ]; then
    for f in /run/netns/*; do
      [ -e "$f" ] || continue
      n=${f##*/}
      add_ns "$(named_inode "$n")" netns "netns:$n" "$n" ''
    done
  fi
  if have nsenter; then
    for d in /proc/[0-9]*; do
      pid=${d#/proc/}
      i=$(ns_inode "$d/ns/net")
      [ -n "$i" ] || continue
      awk -F '\t' -v i="$i" '$1 == i { found = 1 } END { exit !found }' "$TMP/list" && continue
      pod=$(pod_of "$pid")
      add_ns "$i" process "pid:$pid" "${pod:-pid-$pid}" "$pod"
    done
  fi
fi

# ---- one namespace -------------------------------------------------------------------------

# The sysctls read: net.ipv4.* (conf.* included), net.bridge.* and conntrack's two TCP
# switches podpath models; grep -r prints path:value for every readable file.
sysctls() {
  $RUN sh -c 'grep -r "" /proc/sys/net/ipv4 /proc/sys/net/bridge /proc/sys/net/netfilter/nf_conntrack_tcp_loose /proc/sys/net/netfilter/nf_conntrack_tcp_be_liberal 2>/dev/null' 2>/dev/null |
    awk 'BEGIN { ORS = ""; print "{"; n = 0 }
         {
           i = index($0, ":"); path = substr($0, 1, i - 1); value = substr($0, i + 1)
           sub(/^\/proc\/sys\//, "", path); gsub(/\//, ".", path)
           if (path in seen) next; seen[path] = 1
           gsub(/\\/, "&&", value); gsub(/"/, "\\\\&", value); gsub(/\t/, " ", value)
           gsub(/[\001-\037]/, "", value)
           print (n++ ? "," : "") "\"" path "\":\"" value "\""
         }
         END { print "}" }'
}

collect_ns() { # inode kind how label pod
  case "$3" in
    -) RUN='' ;;
    netns:*) RUN="ip netns exec ${3#netns:}" ;;
    pid:*) RUN="nsenter --net=/proc/${3#pid:}/ns/net" ;;
  esac
  : >"$TMP/errors"
  printf '{"id":"%s","kind":"%s","name":' "$1" "$2"
  json_str "$(redact_name netns "$4")"
  printf ',"pod":'
  if [ -n "$5" ]; then json_str "$(redact_name pod "$5")"; else printf 'null'; fi
  # its name in /run/netns, which other namespaces' `ip netns list-id` show for their peers
  printf ',"netns":'
  case "$3" in
    netns:*) json_str "$(redact_name netns "${3#netns:}")" ;;
    *) printf 'null' ;;
  esac
  printf ',"link":'; json_cmd link ip -d -j $PRETTY link show
  printf ',"addr":'; json_cmd addr ip -j $PRETTY addr show
  printf ',"route":'; json_cmd route ip -d -j $PRETTY route show table all
  printf ',"rule":'; json_cmd rule ip -j $PRETTY rule show
  printf ',"neigh":'; json_cmd neigh ip -j $PRETTY neigh show
  printf ',"netnsid":'; json_cmd netnsid ip -j $PRETTY netns list-id
  if have bridge; then
    printf ',"fdb":'; json_cmd fdb bridge -j $PRETTY fdb show
    printf ',"bridge_link":'; json_cmd bridge_link bridge -j $PRETTY link show
  else
    printf ',"fdb":null,"bridge_link":null'
  fi
  printf ',"iptables_save":'
  if [ -n "$SAVE" ]; then text_cmd iptables_save "$SAVE" -c; else printf 'null'; fi
  printf ',"ipset_save":'
  if have ipset; then text_cmd ipset_save ipset save; else printf 'null'; fi
  printf ',"ipvsadm":'
  if have ipvsadm; then text_cmd ipvsadm ipvsadm -Sn; else printf 'null'; fi
  printf ',"conntrack":'
  if [ "$CONNTRACK" = 1 ] && have conntrack; then text_cmd conntrack conntrack -L; else printf 'null'; fi
  printf ',"sysctl":'; sysctls
  printf ',"errors":['
  awk 'BEGIN { ORS = "" } NF { gsub(/\\/, "&&"); gsub(/"/, "\\\\&"); gsub(/[\001-\037]/, " "); print (n++ ? "," : "") "\"" $0 "\"" }' "$TMP/errors"
  printf ']}'
}

# ---- the snapshot --------------------------------------------------------------------------

[ -n "$NAME" ] || NAME=$(hostname 2>/dev/null || cat /proc/sys/kernel/hostname)
{
  printf '{"podpath_snapshot":%s,"collector":"podpath-collect.sh","hostname":' "$VERSION"
  json_str "$(redact_name node "$NAME")"
  printf ',"collected_at":"%s","kernel":' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  json_str "$(uname -r)"
  printf ',"iptables_backend":"%s","redacted":%s,"namespaces":[' "$BACKEND" "$([ "$REDACT" = 1 ] && echo true || echo false)"
  first=1
  while IFS="$(printf '\t')" read -r inode kind how label pod; do
    [ "$first" = 1 ] || printf ','
    first=0
    collect_ns "$inode" "$kind" "$how" "$label" "$pod" </dev/null
  done <"$TMP/list"
  printf ']}\n'
} >"$TMP/snapshot.json"

if [ -n "$OUT" ]; then cat "$TMP/snapshot.json" >"$OUT"; else cat "$TMP/snapshot.json"; fi
