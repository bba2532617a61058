const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * ECharts renders what a tooltip formatter function returns as HTML. Names in it come from users and
 * sources (org units, groups, pseudonyms, phases), so every such text goes through this first. (String
 * templates such as '{b}' and the default tooltips are escaped by ECharts itself.)
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]);
}
