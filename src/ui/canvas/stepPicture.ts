// "Export image": the picture of the step the lab shows now — its file name, and the picture
// itself with the caption strip (imageCaption) drawn from the lab's stores and downloaded.
import { pick } from '../../i18n/index';
import { currentDescribed } from '../../store/lab';
import { placeText } from '../inspector/parts';
import { labStore, playbackStore, stepsFor, useLab, usePlayback } from '../labStore';
import { captionAt } from '../model/caption';
import { imageCaption } from '../model/imageCaption';
import { type ImageFormat, imageFileName, type ImageSubject } from '../model/imageName';
import { flowLabel } from '../shell/FlowList';
import { drawPicture, saveFile, toPngBlob } from './imageExport';
import { tokenDuration } from './timing';

function subject(): ImageSubject {
  const { file, variant, flow } = labStore.getState();
  return { file, variant, flow, index: playbackStore.getState().index };
}

/** The name the picture of the step shown now gets, kept up to date. */
export function useImageFileName(format: ImageFormat): string {
  const file = useLab((s) => s.file);
  const variant = useLab((s) => s.variant);
  const flow = useLab((s) => s.flow);
  const index = usePlayback((p) => p.index);
  return imageFileName({ file, variant, flow, index }, format);
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => window.setTimeout(resolve, ms));
}

/** Pauses playback, lets the token land on the step's node, draws the picture and downloads it. */
export async function saveStepPicture(format: ImageFormat): Promise<void> {
  const playback = playbackStore.getState();
  playback.dispatch({ type: 'pause' });
  await wait(tokenDuration(playback.speed) + 30);

  const lab = labStore.getState();
  const trace = lab.trace.status === 'done' ? lab.trace.trace : undefined;
  const described = currentDescribed(lab);
  const scenario = described?.status === 'ready' ? described.scenario : undefined;
  const title = scenario ? pick(scenario.title, lab.lang) : 'podpath';
  const { index } = playbackStore.getState();
  const steps = stepsFor(trace);
  const caption = trace ? captionAt(trace, steps, index, lab.lang, scenario ? { scenario, variant: lab.variant } : undefined) : undefined;
  const fixVariant = caption?.end?.fixVariant;
  const fixTitle = typeof fixVariant === 'string' ? scenario?.variants.find((v) => v.id === fixVariant)?.title : undefined;
  const blocks = trace
    ? imageCaption({ lang: lab.lang, title, flow: flowLabel(trace.flow), trace, caption, place: placeText, ...(fixTitle ? { fixVariantTitle: pick(fixTitle, lab.lang) } : {}) })
    : [{ tone: 'title' as const, text: `podpath · ${title}` }];
  const name = imageFileName(subject(), format);
  const picture = await drawPicture(blocks, lab.theme, blocks[0].text);
  const blob = format === 'png' ? await toPngBlob(picture) : new Blob([picture.svg], { type: 'image/svg+xml' });
  saveFile(blob, name);
}
