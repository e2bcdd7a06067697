/**
 * The one pagination loop. Each vendor describes how to fetch a page and
 * where the next one starts (ZoneID's x-pager-* headers, Gigas's offset and
 * X-Total-Count, Gandi's page/per_page with Total-Count and Link); this
 * collects every item.
 */
export interface Page<T, Cursor> {
  items: T[];
  /** Where the next page starts; undefined on the last page. */
  next: Cursor | undefined;
}

export async function collectPages<T, Cursor>(
  first: Cursor,
  fetchPage: (cursor: Cursor) => Promise<Page<T, Cursor>>,
  options: { maxPages?: number } = {},
): Promise<T[]> {
  const maxPages = options.maxPages ?? 1000;
  const items: T[] = [];
  let cursor: Cursor | undefined = first;
  for (let page = 0; cursor !== undefined; page++) {
    if (page >= maxPages) throw new Error(`pagination did not end after ${maxPages} pages`);
    const result: Page<T, Cursor> = await fetchPage(cursor);
    items.push(...result.items);
    // A page without items ends the listing even if the vendor points further.
    cursor = result.items.length > 0 ? result.next : undefined;
  }
  return items;
}
