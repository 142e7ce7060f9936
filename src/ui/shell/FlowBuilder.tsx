// Trace any packet: a source namespace, a destination address (and port), a protocol.
// A bad address or port is said next to its field (in the page's language) and nothing is
// traced: the flow shown stays the one it was, never silently another.
import { Send } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import type { Protocol } from '../../engine/trace/types';
import { parseIpv4 } from '../../engine/addr/ipv4';
import { parseFlowSpec } from '../../scenario/endpoints';
import { CUSTOM_FLOW_ID } from '../../store/lab';
import { useLab, useT, useTopology } from '../labStore';

export function FlowBuilder() {
  const t = useT();
  const topology = useTopology();
  const traceCustom = useLab((s) => s.traceCustom);
  const custom = useLab((s) => s.custom);
  const ids = { from: useId(), to: useId(), port: useId(), proto: useId(), toError: useId(), portError: useId(), service: useId(), addresses: useId() };
  const namespaces = topology?.machines.flatMap((m) => m.namespaces.map((ns) => (ns ? `${m.name}/${ns}` : m.name))) ?? [];
  const [from, setFrom] = useState<string>('');
  const [to, setTo] = useState(custom?.to.addr ?? '');
  const [port, setPort] = useState(custom?.to.port !== undefined ? String(custom.to.port) : '80');
  const [protocol, setProtocol] = useState<Protocol>(custom?.protocol ?? 'tcp');
  const [errors, setErrors] = useState<FieldErrors>({});
  if (!topology) return null;
  const source = namespaces.includes(from) ? from : (namespaces.find((n) => n.includes('/')) ?? namespaces[0] ?? '');
  const services = topology.services ?? [];
  // the lab's own addresses, proposed as the address is typed
  const addresses = [...new Set(topology.devices.flatMap((d) => d.addresses.map((a) => a.split('/')[0])))];

  const trace = (addr: string, portText: string, proto: Protocol) => {
    const target = proto === 'icmp' || portText === '' ? addr : `${addr}:${portText}`;
    const parsed = parseFlowSpec(CUSTOM_FLOW_ID, source, target, proto);
    if (!parsed.ok) return setErrors({ form: t('builder.invalid', { message: parsed.message }) });
    setErrors({});
    void traceCustom(parsed.value);
  };
  /** A Service picked by name: its address, port and protocol fill the form, and it is traced. */
  const pickService = (index: string) => {
    const s = services[Number(index)];
    if (!s) return;
    setTo(s.addr);
    setPort(String(s.port));
    setProtocol(s.protocol);
    trace(s.addr, String(s.port), s.protocol);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = fieldErrors(to.trim(), protocol === 'icmp' ? '' : port.trim(), t);
    if (found.to || found.port) return setErrors(found);
    trace(to.trim(), port.trim(), protocol);
  };
  const field = 'w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-sky-500 focus:outline-none dark:border-slate-700 dark:bg-slate-900';
  const label = 'mb-0.5 block text-[11px] text-slate-500 dark:text-slate-400';

  return (
    <details className="group rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" data-testid="flow-builder">
      <summary className="cursor-pointer px-2.5 py-2 text-xs font-semibold tracking-wide text-slate-600 uppercase select-none dark:text-slate-300">{t('builder.heading')}</summary>
      <form onSubmit={submit} className="space-y-2 px-2.5 pb-2.5" noValidate>
        <div>
          <label htmlFor={ids.from} className={label}>
            {t('builder.from')}
          </label>
          <select id={ids.from} value={source} onChange={(e) => setFrom(e.target.value)} className={`${field} font-mono`}>
            {namespaces.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </div>
        <div className="grid grid-cols-[1fr_4.5rem] gap-2">
          <div>
            <label htmlFor={ids.to} className={label}>
              {t('builder.to')}
            </label>
            <input
              id={ids.to}
              value={to}
              onChange={(e) => setTo(e.target.value)}
              placeholder="10.244.2.3"
              list={ids.addresses}
              className={`${field} font-mono`}
              spellCheck={false}
              aria-invalid={errors.to ? true : undefined}
              aria-describedby={errors.to ? ids.toError : undefined}
            />
          </div>
          <div>
            <label htmlFor={ids.port} className={label}>
              {t('builder.port')}
            </label>
            <input
              id={ids.port}
              value={protocol === 'icmp' ? '' : port}
              onChange={(e) => setPort(e.target.value)}
              disabled={protocol === 'icmp'}
              aria-invalid={errors.port ? true : undefined}
              aria-describedby={errors.port ? ids.portError : undefined}
              inputMode="numeric"
              className={`${field} font-mono disabled:opacity-50`}
            />
          </div>
        </div>
        <datalist id={ids.addresses}>
          {addresses.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        {services.length > 0 && (
          <div>
            <label htmlFor={ids.service} className={label}>
              {t('builder.service')}
            </label>
            <select id={ids.service} data-testid="builder-service" value="" onChange={(e) => pickService(e.target.value)} className={`${field} font-mono`}>
              <option value="">{t('builder.servicePick')}</option>
              {services.map((s, i) => (
                <option key={`${s.addr}:${s.port}/${s.protocol}`} value={i}>
                  {`${s.name} — ${s.addr}:${s.port}/${s.protocol}`}
                </option>
              ))}
            </select>
          </div>
        )}
        {errors.to && (
          <p id={ids.toError} role="alert" data-testid="builder-to-error" className={errorText}>
            {errors.to}
          </p>
        )}
        {errors.port && (
          <p id={ids.portError} role="alert" data-testid="builder-port-error" className={errorText}>
            {errors.port}
          </p>
        )}
        <div className="flex items-end gap-2">
          <div className="flex-1">
            <label htmlFor={ids.proto} className={label}>
              {t('builder.protocol')}
            </label>
            <select id={ids.proto} value={protocol} onChange={(e) => setProtocol(e.target.value as Protocol)} className={field}>
              <option value="tcp">TCP</option>
              <option value="udp">UDP</option>
              <option value="icmp">ICMP (ping)</option>
            </select>
          </div>
          <button type="submit" className="flex items-center gap-1 rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-600">
            <Send className="h-3.5 w-3.5" aria-hidden />
            {t('builder.trace')}
          </button>
        </div>
        {errors.form && (
          <p role="alert" data-testid="builder-error" className={errorText}>
            {errors.form}
          </p>
        )}
      </form>
    </details>
  );
}

interface FieldErrors {
  readonly to?: string;
  readonly port?: string;
  readonly form?: string;
}

const errorText = 'text-xs text-rose-700 dark:text-rose-300';

/** What is wrong with the address and port fields as typed (port '' for ICMP or none given). */
function fieldErrors(to: string, port: string, t: ReturnType<typeof useT>): FieldErrors {
  const out: { to?: string; port?: string } = {};
  if (to === '') out.to = t('builder.noAddress');
  else if (parseIpv4(to) === undefined) out.to = t('builder.badAddress', { value: to });
  if (port !== '' && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) out.port = t('builder.badPort', { value: port });
  return out;
}
