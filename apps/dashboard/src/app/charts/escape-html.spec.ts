import { escapeHtml } from './escape-html';

describe('escapeHtml', () => {
  it('turns markup into text', () => {
    expect(escapeHtml('<img src=x onerror="window.__xss=1">')).toBe(
      '&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;',
    );
    expect(escapeHtml("R&D's <b>")).toBe('R&amp;D&#39;s &lt;b&gt;');
    expect(escapeHtml('Sales')).toBe('Sales');
  });
});
