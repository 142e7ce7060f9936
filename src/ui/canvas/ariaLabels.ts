// React Flow's built-in labels (zoom buttons, mini map, node help) in the page's language.
import type { AriaLabelConfig } from '@xyflow/react';
import { type Lang, t } from '../../i18n/index';

/** React Flow's own control and node labels in the page's language. */
export function ariaLabels(lang: Lang): Partial<AriaLabelConfig> {
  return {
    'controls.ariaLabel': t(lang, 'canvas.controls'),
    'controls.zoomIn.ariaLabel': t(lang, 'canvas.zoomIn'),
    'controls.zoomOut.ariaLabel': t(lang, 'canvas.zoomOut'),
    'controls.fitView.ariaLabel': t(lang, 'canvas.fitView'),
    'controls.interactive.ariaLabel': t(lang, 'canvas.interactive'),
    'minimap.ariaLabel': t(lang, 'canvas.minimap'),
    'node.a11yDescription.default': t(lang, 'canvas.nodeHelp'),
    'node.a11yDescription.keyboardDisabled': t(lang, 'canvas.nodeHelp'),
  };
}
