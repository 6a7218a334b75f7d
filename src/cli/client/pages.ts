import type { PdsPage } from './wire-types.js';

/** Every item of a marker-paged PDS listing, page by page. */
export async function allPages<T>(fetchPage: (marker: string) => Promise<PdsPage<T>>): Promise<T[]> {
  const items: T[] = [];
  let marker = '';
  do {
    const page = await fetchPage(marker);
    items.push(...page.items);
    marker = page.next_marker;
  } while (marker !== '');
  return items;
}
