/** One page as a list endpoint returns it, reduced to what paging needs. */
export interface Page<T> {
  items: T[];
  /** Where the next page starts; undefined when this was the last one. */
  nextOffset: number | undefined;
}

/**
 * Iterates over the items of every page, fetching the next page only when the caller has
 * consumed the current one: a `break` stops fetching. Stops at a page that says there is no
 * next one, at an empty page, and if the server ever returns an offset that does not move
 * forward (which would otherwise loop forever).
 *
 * @example
 * for await (const job of paginate((offset) => fetchJobsPage(offset))) console.log(job.id);
 */
export async function* paginate<T>(
  fetchPage: (offset: number) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  let offset = 0;
  for (;;) {
    const page = await fetchPage(offset);
    yield* page.items;
    const next = page.nextOffset;
    if (page.items.length === 0 || next === undefined || next <= offset) return;
    offset = next;
  }
}

/**
 * Reads where the next page starts from a `JobPage`: `next_offset`, where `-1` (or absent on a
 * short page) means there is none.
 *
 * @example
 * nextOffsetOf({ data: jobs, next_offset: -1 }, 0, 100); // undefined
 */
export function nextOffsetOf(
  page: { data: unknown[]; next_offset?: number },
  offset: number,
  pageSize: number,
): number | undefined {
  if (page.next_offset !== undefined) return page.next_offset >= 0 ? page.next_offset : undefined;
  return page.data.length >= pageSize ? offset + page.data.length : undefined;
}
