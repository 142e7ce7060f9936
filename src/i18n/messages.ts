// The lab's own UI strings, one file per area of the page under areas/ (so people working on
// different parts do not edit one file). Scenario texts (titles, summaries, trace summaries)
// carry both languages themselves; these are only the words around them. zh-CN must have
// every key en has: the types make a missing one a compile error.
import * as canvas from './areas/canvas';
import * as catalogue from './areas/catalogue';
import * as editor from './areas/editor';
import * as inspector from './areas/inspector';
import * as layout from './areas/layout';
import * as ladder from './areas/ladder';
import * as matrix from './areas/matrix';
import * as playback from './areas/playback';
import * as predict from './areas/predict';
import * as exportImage from './areas/export';
import * as shell from './areas/shell';
import * as safety from './areas/safety';

export const en = { ...shell.en, ...canvas.en, ...inspector.en, ...playback.en, ...matrix.en, ...layout.en, ...ladder.en, ...predict.en, ...catalogue.en, ...exportImage.en, ...editor.en, ...safety.en } as const;

export type MessageKey = keyof typeof en;

export const zhCN: Record<MessageKey, string> = { ...shell.zhCN, ...canvas.zhCN, ...inspector.zhCN, ...playback.zhCN, ...matrix.zhCN, ...layout.zhCN, ...ladder.zhCN, ...predict.zhCN, ...catalogue.zhCN, ...exportImage.zhCN, ...editor.zhCN, ...safety.zhCN };
