/**
 * The few HTML pieces of a notification e-mail: inline styles only (mail clients drop style sheets), tables
 * for layout, every text escaped.
 */

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const CELL = 'padding:4px 8px;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top';

/** A table of text cells (escaped). */
export function htmlTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = headers.map((h) => `<th style="${CELL};color:#6b7280;font-weight:600">${escapeHtml(h)}</th>`);
  const body = rows.map(
    (row) => `<tr>${row.map((cell) => `<td style="${CELL}">${escapeHtml(cell)}</td>`).join('')}</tr>`,
  );
  return (
    `<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%;font-size:14px">` +
    `<tr>${head.join('')}</tr>${body.join('')}</table>`
  );
}

/** A bulleted list of text items (escaped). */
export function htmlList(items: readonly string[]): string {
  return `<ul style="margin:4px 0 12px 20px;padding:0">${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
}

export function htmlHeading(text: string, level: 2 | 3): string {
  const size = level === 2 ? 18 : 15;
  return `<h${level} style="font-size:${size}px;margin:16px 0 6px;color:#111827">${escapeHtml(text)}</h${level}>`;
}

export function htmlParagraph(text: string, muted = false): string {
  return `<p style="margin:6px 0;${muted ? 'color:#6b7280;font-size:12px' : ''}">${escapeHtml(text)}</p>`;
}

export function htmlButton(href: string, label: string): string {
  return (
    `<p style="margin:16px 0"><a href="${escapeHtml(href)}" ` +
    `style="background:#4338ca;color:#ffffff;padding:8px 14px;border-radius:4px;text-decoration:none">` +
    `${escapeHtml(label)}</a></p>`
  );
}

/** The whole document around a body. */
export function htmlDocument(lang: string, title: string, body: string): string {
  return (
    `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body style="margin:0;padding:16px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;color:#111827">` +
    `<div style="max-width:640px;margin:0 auto">${body}</div></body></html>`
  );
}
