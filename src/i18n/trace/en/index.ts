// English words for traces.
import type { TraceWords } from '../types';
import { causes } from './causes';
import { events } from './events';
import { reasons } from './reasons';
import { unnamed } from './unnamed';

export const en: TraceWords = {
  events,
  causes,
  reasons,
  unnamed,
  outcome: (o) => {
    switch (o.code) {
      case 'connected':
        return 'connected';
      case 'replied':
        return 'reply received';
      case 'echo-replied':
        return '1 packets transmitted, 1 received';
      case 'timeout':
        return 'timed out: no answer';
      case 'refused':
      case 'icmp-error':
      case 'app-error':
        return o.message;
    }
  },
};
