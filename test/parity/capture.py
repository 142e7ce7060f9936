# Captures every frame on every device of the given network namespaces while a flow runs:
# one AF_PACKET socket per namespace (ETH_P_ALL, all devices), opened inside it with setns.
# The kernel hands such a socket what tcpdump sees: each frame a device sends (at
# dev_queue_xmit_nit, PACKET_OUTGOING) and receives (in __netif_receive_skb_core, after an
# rx_handler like macvlan's has moved it to its device), with its device and a kernel
# timestamp (SO_TIMESTAMPNS, CLOCK_REALTIME).
#
#   python3 capture.py NS...     prints "ready" once every socket is open, then captures until
#                                its standard input closes, then prints one line per frame:
#                                TS_NS SEQ NS IFNAME PKTTYPE HEX   (SEQ: order within the socket)
import ctypes, os, select, socket, struct, sys

CLONE_NEWNET = 0x40000000
SO_TIMESTAMPNS = 35
ETH_P_ALL = 3
SNAP = 256

libc = ctypes.CDLL(None, use_errno=True)
home = os.open('/proc/self/ns/net', os.O_RDONLY)
socks = []
for name in sys.argv[1:]:
    fd = os.open('/run/netns/' + name, os.O_RDONLY)
    if libc.setns(fd, CLONE_NEWNET) != 0:
        sys.exit('setns %s: %s' % (name, os.strerror(ctypes.get_errno())))
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    s.setblocking(False)
    socks.append((name, s))
    os.close(fd)
libc.setns(home, CLONE_NEWNET)
sys.stdout.write('ready\n')
sys.stdout.flush()

lines = []
seq = {}


def drain(name, s):
    while True:
        try:
            data, anc, _flags, addr = s.recvmsg(SNAP, socket.CMSG_SPACE(16))
        except BlockingIOError:
            return
        ts = 0
        for lvl, typ, d in anc:
            if lvl == socket.SOL_SOCKET and typ == SO_TIMESTAMPNS:
                sec, nsec = struct.unpack('qq', d[:16])
                ts = sec * 1000000000 + nsec
        n = seq.get(name, 0) + 1
        seq[name] = n
        lines.append('%d %d %s %s %d %s' % (ts, n, name, addr[0], addr[2], data.hex()))


fds = {s.fileno(): (n, s) for n, s in socks}
stdin = sys.stdin.fileno()
while True:
    ready, _, _ = select.select(list(fds) + [stdin], [], [])
    for fd in ready:
        if fd in fds:
            drain(*fds[fd])
    if stdin in ready and not os.read(stdin, 4096):
        break
for n, s in socks:
    drain(n, s)
sys.stdout.write('\n'.join(lines) + ('\n' if lines else ''))
sys.stdout.write('end\n')
