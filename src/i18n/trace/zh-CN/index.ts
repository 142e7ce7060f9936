// 简体中文的跟踪用语。客户端自己打印的错误（strerror、ping 的输出）保持原文。
import type { TraceWords } from '../types';
import { causes } from './causes';
import { events } from './events';
import { reasons } from './reasons';
import { unnamed } from './unnamed';

export const zhCN: TraceWords = {
  events,
  causes,
  reasons,
  unnamed,
  outcome: (o) => {
    switch (o.code) {
      case 'connected':
        return '已连接';
      case 'replied':
        return '收到回复';
      case 'echo-replied':
        return '收到回显应答（1 packets transmitted, 1 received）';
      case 'timeout':
        return '超时：没有应答';
      case 'refused':
      case 'icmp-error':
      case 'app-error':
        return o.message;
    }
  },
};
