/**
 * Where the next (older) page of a newest-first list starts: after the last row of a full page. A shorter page
 * is the end of the list (a full last page costs one more request that comes back empty). The audit log and
 * the delivery log page this way (`?before=<id>`).
 */
export function olderPageCursor(page: readonly { id: string }[], pageSize: number): string | null {
  return page.length >= pageSize && page.length > 0 ? page[page.length - 1].id : null;
}
