import type { PdsPage } from './wire-types.js';

/** Every item of a marker-paged PDS listing, page by page. */
export async function allPages<T>(fetchPage: (marker: string) => Promise<PdsPage<T>>): Promise<T[]> {
  return (await firstItems(fetchPage, Infinity)).items;
}

/**
 * The first `limit` items of a marker-paged listing, reading no page more than it needs;
 * `more` says the listing goes on. `fetchPage` gets how many to ask for.
 */
export async function firstItems<T>(
  fetchPage: (marker: string, want: number) => Promise<PdsPage<T>>,
  limit: number,
): Promise<{ items: T[]; more: boolean }> {
  const items: T[] = [];
  let marker = '';
  do {
    const page = await fetchPage(marker, limit - items.length);
    items.push(...page.items);
    marker = page.next_marker;
  } while (marker !== '' && items.length < limit);
  return { items: items.slice(0, limit), more: marker !== '' || items.length > limit };
}
