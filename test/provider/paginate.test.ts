import { collectPages } from "../../provider/paginate";

test("collects every page until there is no next cursor", async () => {
  const pages: Record<number, { items: string[]; next?: number }> = {
    0: { items: ["a", "b"], next: 2 },
    2: { items: ["c", "d"], next: 4 },
    4: { items: ["e"] },
  };
  const seen: number[] = [];
  const items = await collectPages(0, async (offset: number) => {
    seen.push(offset);
    return { items: pages[offset].items, next: pages[offset].next };
  });
  expect(items).toEqual(["a", "b", "c", "d", "e"]);
  expect(seen).toEqual([0, 2, 4]);
});

test("an empty page ends the listing even when the vendor points further", async () => {
  let calls = 0;
  const items = await collectPages(1, async (page: number) => {
    calls++;
    return { items: page === 1 ? ["x"] : [], next: page + 1 };
  });
  expect(items).toEqual(["x"]);
  expect(calls).toBe(2);
});

test("a listing that never ends fails instead of looping forever", async () => {
  await expect(collectPages(1, async (page: number) => ({ items: [page], next: page + 1 }), { maxPages: 5 })).rejects.toThrow(
    "pagination did not end after 5 pages",
  );
});
