import { SievePageError } from "../errors/sieve-page-error.js";
import { quoteValue } from "../validation/quote-value.js";

/** One page as a list endpoint returns it, reduced to what paging needs. */
export interface Page<T> {
  items: T[];
  /** Where the next page starts; undefined when this was the last one. */
  nextOffset: number | undefined;
}

/** How `paginate` recognises an item it has already yielded. */
export interface PaginateOptions<T> {
  /**
   * The key that identifies an item; `undefined` for an item never to be deduplicated. By
   * default the item's `id` when it is a string (jobs, function versions), else `undefined`.
   */
  keyOf?: (item: T) => unknown;
  /** How many of the latest keys are remembered; default `MAX_REMEMBERED_KEYS`. */
  remember?: number;
}

/**
 * How many item keys `paginate` remembers by default to skip duplicates: about 8 MB of job ids
 * at most, however long the listing.
 */
export const MAX_REMEMBERED_KEYS = 100_000;

/**
 * Iterates over the items of every page, fetching the next page only when the caller has
 * consumed the current one: a `break` stops fetching. Stops at a page that says there is no
 * next one, at an empty page, and if the server ever returns an offset that does not move
 * forward (which would otherwise loop forever).
 *
 * Never yields the same item twice: offset paging over a list that grows at its head (jobs
 * created while iterating) shifts items already seen onto the next page, so items whose key
 * (`keyOf`, by default a string `id`) was already yielded are skipped. Memory is bounded: the
 * latest `remember` keys (100,000 by default) are kept, so a duplicate could only slip through
 * if more items than that were created during the iteration. Items removed while paging shift
 * the other way and may be missed; offset paging cannot see them.
 */
export async function* paginate<T>(
  fetchPage: (offset: number) => Promise<Page<T>>,
  { keyOf = idOf, remember = MAX_REMEMBERED_KEYS }: PaginateOptions<T> = {},
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<unknown>();
  let offset = 0;
  for (;;) {
    const page = await fetchPage(offset);
    if (!Array.isArray(page.items)) {
      throw new SievePageError(`expected a list of items, got ${quoteValue(page.items)}`, {
        offset,
      });
    }
    for (const item of page.items) {
      const key = keyOf(item);
      if (key !== undefined) {
        if (seen.has(key)) continue;
        seen.add(key);
        // A Set iterates in insertion order: the first key is the oldest.
        if (seen.size > remember) seen.delete(seen.values().next().value);
      }
      yield item;
    }
    const next = page.nextOffset;
    if (page.items.length === 0 || next === undefined || next <= offset) return;
    offset = next;
  }
}

function idOf(item: unknown): unknown {
  if (typeof item !== "object" || item === null) return undefined;
  const { id } = item as { id?: unknown };
  return typeof id === "string" ? id : undefined;
}

/**
 * Reads where the next page starts from a `JobPage`: `next_offset`, where `-1` (or absent or
 * null on a short page) means there is none. A `next_offset` that is anything else than `-1` or
 * a non-negative integer (a string, a fraction, `-5`) is the server's fault: `SievePageError`,
 * rather than a next request that would blame the caller's `params.offset`.
 */
export function nextOffsetOf(
  page: { data: unknown[]; next_offset?: number },
  offset: number,
  pageSize: number,
): number | undefined {
  const data: unknown = page.data;
  if (!Array.isArray(data))
    throw new SievePageError(`expected "data" to be a list, got ${quoteValue(data)}`, { offset });
  const next: unknown = page.next_offset;
  if (next === undefined || next === null)
    return data.length >= pageSize ? offset + data.length : undefined;
  if (next === -1) return undefined;
  if (typeof next !== "number" || !Number.isSafeInteger(next) || next < 0) {
    throw new SievePageError(
      `"next_offset" must be -1 or a non-negative integer, got ${quoteValue(next)}`,
      { offset, nextOffset: next },
    );
  }
  return next;
}

/** The paging query of one request of a listing: how many items, from where. */
export interface PageWindow {
  limit: number;
  offset: number;
}

/**
 * Iterates over a listing that answers pages of jobs (`{ data, next_offset }`): `listPage`
 * reads `pageSize` jobs from an offset, and `nextOffsetOf` says where the next page starts.
 */
export function paginateJobPages<T>(
  listPage: (window: PageWindow) => Promise<{ data: T[]; next_offset?: number }>,
  pageSize: number,
): AsyncGenerator<T, void, undefined> {
  return paginate(async (offset) => {
    const page = await listPage({ limit: pageSize, offset });
    return { items: page.data, nextOffset: nextOffsetOf(page, offset, pageSize) };
  });
}

/**
 * Iterates over a listing that answers bare lists (functions, versions): a full list means
 * there may be another page, a shorter one is the last.
 */
export function paginateLists<T>(
  listPage: (window: PageWindow) => Promise<T[]>,
  pageSize: number,
  options?: PaginateOptions<T>,
): AsyncGenerator<T, void, undefined> {
  return paginate(async (offset) => {
    const items = await listPage({ limit: pageSize, offset });
    const full = Array.isArray(items) && items.length >= pageSize;
    return { items, nextOffset: full ? offset + items.length : undefined };
  }, options);
}
