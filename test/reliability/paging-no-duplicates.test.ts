/**
 * Offset paging over a list that grows at its head (jobs created while iterating) shifts items
 * already yielded onto the next page: the `all*` iterators never yield an item twice. And a
 * `next_offset` the server got wrong is the server's fault, never blamed on `params.offset`.
 */
import { describe, expect, it } from "vitest";
import type { Job } from "../../src/index.js";
import { SieveApiError, SieveInputError } from "../../src/index.js";
import { SievePageError } from "../../src/core/errors/sieve-page-error.js";
import { nextOffsetOf, paginate, type Page } from "../../src/core/request/paginate.js";
import { job } from "../support/fixtures.js";
import { fakeFetch, respond, testClient, untyped } from "../support/fake-fetch.js";

/**
 * A newest-first list served by offset, which gains `growBy` items at its head after each of its
 * first `reads` reads (then stops growing, so that paging ends).
 */
function growingList(initial: number, growBy: number, reads = 4) {
  let created = 0;
  let served = 0;
  const list: Job[] = [];
  const create = () => list.unshift({ ...job, id: `job-${created++}` });
  for (let i = 0; i < initial; i++) create();
  const serve = (offset: number, limit: number) => {
    const data = list.slice(offset, offset + limit);
    const next_offset = offset + limit < list.length ? offset + limit : -1;
    if (served++ < reads) for (let i = 0; i < growBy; i++) create();
    return { data, next_offset };
  };
  return { serve, list };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const ids = (jobs: readonly { id: string }[]) => jobs.map((j) => j.id);

describe("paginate never yields an item twice", () => {
  it("when the list grows at its head between page fetches", async () => {
    const source = growingList(10, 2);
    const fetchPage = async (offset: number): Promise<Page<Job>> => {
      const page = source.serve(offset, 3);
      return { items: page.data, nextOffset: nextOffsetOf(page, offset, 3) };
    };
    const seen = ids(await collect(paginate(fetchPage)));
    expect(new Set(seen).size).toBe(seen.length);
    // Every item there from the start is still yielded, newest first.
    expect(seen.slice(0, 3)).toEqual(["job-9", "job-8", "job-7"]);
    for (let i = 0; i < 10; i++) expect(seen).toContain(`job-${i}`);
  });

  it("when more items are created between two fetches than a page holds", async () => {
    const source = growingList(6, 5);
    const fetchPage = async (offset: number): Promise<Page<Job>> => {
      const page = source.serve(offset, 2);
      return { items: page.data, nextOffset: nextOffsetOf(page, offset, 2) };
    };
    const seen = ids(await collect(paginate(fetchPage)));
    expect(new Set(seen).size).toBe(seen.length);
    for (let i = 0; i < 6; i++) expect(seen).toContain(`job-${i}`);
  });

  it("with a custom keyOf, and not at all for items without a key", async () => {
    const pages = [[1, 2], [2, 3], [3]];
    const fetchPage = async (offset: number) => ({
      items: pages[offset] ?? [],
      nextOffset: offset + 1 < pages.length ? offset + 1 : undefined,
    });
    expect(await collect(paginate(fetchPage, { keyOf: (n) => n }))).toEqual([1, 2, 3]);
    expect(await collect(paginate(fetchPage))).toEqual([1, 2, 2, 3, 3]);
  });

  it("remembers at most `remember` keys", async () => {
    const pages = [
      ["a", "b", "c"],
      ["a", "d"],
    ];
    const fetchPage = async (offset: number) => ({
      items: (pages[offset] ?? []).map((id) => ({ id })),
      nextOffset: offset + 1 < pages.length ? offset + 1 : undefined,
    });
    const window = await collect(paginate(fetchPage, { remember: 2 }));
    expect(window.map((item) => item.id)).toEqual(["a", "b", "c", "a", "d"]);
    const all = await collect(paginate(fetchPage));
    expect(all.map((item) => item.id)).toEqual(["a", "b", "c", "d"]);
  });
});

describe("jobs.all and functions.allJobs over a growing list", () => {
  function growingServer(initial: number, growBy: number) {
    const source = growingList(initial, growBy);
    return fakeFetch((request) => {
      const url = new URL(request.url);
      const offset = Number(url.searchParams.get("offset") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 100);
      return respond(200, source.serve(offset, limit));
    });
  }

  it("jobs.all yields each job once", async () => {
    const { fetch, requests } = growingServer(7, 3);
    const seen = ids(await collect(testClient(fetch).jobs.all({ pageSize: 2 })));
    expect(new Set(seen).size).toBe(seen.length);
    for (let i = 0; i < 7; i++) expect(seen).toContain(`job-${i}`);
    expect(requests.length).toBeGreaterThan(3);
  });

  it("functions.allJobs yields each job once", async () => {
    const { fetch } = growingServer(5, 1);
    const all = testClient(fetch).functions.allJobs("demo/echo", { pageSize: 2 });
    const seen = ids(await collect(all));
    expect(new Set(seen).size).toBe(seen.length);
    for (let i = 0; i < 5; i++) expect(seen).toContain(`job-${i}`);
  });
});

describe("a next_offset the server got wrong is the server's fault", () => {
  it.each([
    ["a string", "2"],
    ["a fraction", 1.5],
    ["a negative other than -1", -5],
    ["an object", { at: 2 }],
    ["a boolean", true],
  ])(
    "%s: the server's fault (SieveApiError) after one request, not a SieveInputError on params.offset",
    async (_what, next) => {
      const { fetch, requests } = fakeFetch(() =>
        respond(200, {
          data: [
            { ...job, id: "a" },
            { ...job, id: "b" },
          ],
          next_offset: next,
        }),
      );
      const seen: string[] = [];
      const error = await (async () => {
        for await (const item of testClient(fetch).jobs.all({ pageSize: 2 })) seen.push(item.id);
      })().catch((e: unknown) => e);
      // The response check refuses the page with the request's method and URL; nextOffsetOf's
      // SievePageError is the fallback for callers of paginate that skip that check.
      expect(error).toBeInstanceOf(SieveApiError);
      expect(error).not.toBeInstanceOf(SieveInputError);
      expect(error).toMatchObject({ status: 200, method: "GET" });
      expect((error as Error).message).toContain("next_offset");
      expect((error as Error).message).not.toContain("params.offset");
      // The page is refused as a whole, before any of its items.
      expect(seen).toEqual([]);
      expect(requests).toHaveLength(1);
    },
  );

  it("a huge string next_offset is quoted shortened", () => {
    const page = { data: [], next_offset: untyped("9".repeat(100_000)) };
    expect(() => nextOffsetOf(page, 0, 2)).toThrow(SievePageError);
    try {
      nextOffsetOf(page, 0, 2);
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(300);
    }
  });

  it("-1, null and absent still mean what they did", () => {
    expect(nextOffsetOf({ data: [1, 2], next_offset: -1 }, 0, 2)).toBeUndefined();
    expect(nextOffsetOf({ data: [1, 2], next_offset: untyped(null) }, 4, 2)).toBe(6);
    expect(nextOffsetOf({ data: [1] }, 4, 2)).toBeUndefined();
    expect(nextOffsetOf({ data: [1, 2], next_offset: 0 }, 0, 2)).toBe(0);
  });

  it("a page whose items are not a list is the server's fault too", async () => {
    const fetchPage = async () => ({ items: untyped({ length: 1 }), nextOffset: undefined });
    await expect(collect(paginate(fetchPage))).rejects.toBeInstanceOf(SievePageError);
    expect(() => nextOffsetOf({ data: untyped("x") }, 0, 2)).toThrow(SievePageError);
  });
});
