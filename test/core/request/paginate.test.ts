import { describe, expect, it, vi } from "vitest";
import { nextOffsetOf, paginate, type Page } from "../../../src/core/request/paginate.js";

function pages(total: number, size: number) {
  return vi.fn(async (offset: number): Promise<Page<number>> => {
    const items = Array.from(
      { length: Math.max(0, Math.min(size, total - offset)) },
      (_, i) => offset + i,
    );
    return { items, nextOffset: offset + size < total ? offset + size : undefined };
  });
}

describe("paginate", () => {
  it("yields every item across pages, fetching each page once", async () => {
    const fetchPage = pages(7, 3);
    const seen: number[] = [];
    for await (const item of paginate(fetchPage)) seen.push(item);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(fetchPage.mock.calls.map(([offset]) => offset)).toEqual([0, 3, 6]);
  });

  it("fetches nothing more after a break", async () => {
    const fetchPage = pages(100, 10);
    for await (const item of paginate(fetchPage)) if (item === 12) break;
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it("fetches nothing until iterated", () => {
    const fetchPage = pages(10, 5);
    paginate(fetchPage);
    expect(fetchPage).not.toHaveBeenCalled();
  });

  it("stops on an empty page and on an offset that does not move forward", async () => {
    const stuck = vi.fn(async () => ({ items: [1], nextOffset: 0 }));
    const seen: number[] = [];
    for await (const item of paginate(stuck)) seen.push(item);
    expect(seen).toEqual([1]);
    const empty = vi.fn(async () => ({ items: [] as number[], nextOffset: 5 }));
    for await (const _ of paginate(empty)) throw new Error("no item expected");
    expect(empty).toHaveBeenCalledTimes(1);
  });
});

describe("nextOffsetOf", () => {
  it("reads next_offset, -1 meaning the end", () => {
    expect(nextOffsetOf({ data: [1, 2], next_offset: 2 }, 0, 2)).toBe(2);
    expect(nextOffsetOf({ data: [1, 2], next_offset: -1 }, 0, 2)).toBeUndefined();
  });

  it("without next_offset, continues after a full page only", () => {
    expect(nextOffsetOf({ data: [1, 2] }, 4, 2)).toBe(6);
    expect(nextOffsetOf({ data: [1] }, 4, 2)).toBeUndefined();
  });
});
