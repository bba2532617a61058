import type { DigestPreview } from '@uptake/contracts';

/**
 * The preview's HTML as a page can show it: the mail references its charts as `cid:<id>` (inline
 * attachments), which a browser cannot resolve, so each becomes the chart's data: URI. Only the API's own
 * cids are replaced, and only PNG data URIs are put in (the contract's shape).
 */
export function previewHtml(preview: DigestPreview): string {
  let html = preview.html;
  for (const image of preview.images) {
    if (image.contentType !== 'image/png' || !image.dataUri.startsWith('data:image/png;base64,')) continue;
    html = html.split(`cid:${image.cid}`).join(image.dataUri);
  }
  return html;
}
