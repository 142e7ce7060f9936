// The "New lab" template: the smallest lab that shows something — two namespaces on a bridge
// and one flow between them. Valid as written (a test loads it), so the page plays it at once.
export const NEW_LAB_TEMPLATE = `# A lab of your own: edit the YAML, the lab is rebuilt as you type.
id: my-lab
title: { en: "Two namespaces on a bridge", zh-CN: "网桥上的两个命名空间" }
summary: { en: "ns1 pings ns2 across the bridge br0.", zh-CN: "ns1 经网桥 br0 ping ns2。" }

machines:
  - name: host
    script: |
      ip link add br0 type bridge
      ip link set br0 up
      ip netns add ns1
      ip netns add ns2
      ip link add veth1 type veth peer name eth0 netns ns1
      ip link add veth2 type veth peer name eth0 netns ns2
      ip link set veth1 master br0
      ip link set veth2 master br0
      ip link set veth1 up
      ip link set veth2 up
      ip netns exec ns1 ip addr add 10.0.0.1/24 dev eth0
      ip netns exec ns1 ip link set eth0 up
      ip netns exec ns2 ip addr add 10.0.0.2/24 dev eth0
      ip netns exec ns2 ip link set eth0 up

flows:
  - id: ns1-ping-ns2
    title: { en: "ns1 pings ns2", zh-CN: "ns1 ping ns2" }
    from: host/ns1
    to: 10.0.0.2
    protocol: icmp
    expect: delivered
`;
