import { describe, expect, it } from 'vitest';
import { kubeServicesInSave } from './kubeServices';

const SAVE = `*filter
:INPUT ACCEPT [0:0]
-A KUBE-SERVICES -d 10.96.0.9/32 -p tcp -m tcp --dport 81 -j REJECT
COMMIT
*nat
:KUBE-SERVICES - [0:0]
-A KUBE-SERVICES -d 10.96.0.100/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-SVC-CDGGSHYLG3RE2FKL
-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU
-A KUBE-SERVICES -d 10.96.0.101/32 -p tcp -m tcp --dport 8080 -j KUBE-SVC-HV6DMF63W6MGLRDE
-A KUBE-SERVICES -d 10.96.0.100/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-SVC-CDGGSHYLG3RE2FKL -d 10.96.0.200/32 -p tcp -m tcp --dport 80 -j KUBE-SEP-X
COMMIT
`;

describe("the Services a node's KUBE-SERVICES rules name", () => {
  it('reads each address, protocol and port once, named by its comment or else its target chain, from the nat table only', () => {
    expect(kubeServicesInSave(SAVE)).toEqual([
      { name: 'default/web:http', addr: '10.96.0.100', port: 80, protocol: 'tcp' },
      { name: 'kube-system/kube-dns:dns', addr: '10.96.0.10', port: 53, protocol: 'udp' },
      { name: 'KUBE-SVC-HV6DMF63W6MGLRDE', addr: '10.96.0.101', port: 8080, protocol: 'tcp' },
    ]);
  });

  it('finds none in a ruleset without them', () => {
    expect(kubeServicesInSave('*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n')).toEqual([]);
  });
});
