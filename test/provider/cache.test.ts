import { FOR_THE_WHOLE_COMMAND, ShortLivedCache } from "../../provider/cache";
import { fakeClock } from "../support/fakeClock";

test("serves a listing for its lifetime, then fetches again", async () => {
  const clock = fakeClock();
  const cache = new ShortLivedCache<number>(1000, clock);
  let fetches = 0;
  const fetch = async () => ++fetches;
  expect(await cache.get("zone", fetch)).toBe(1);
  clock.advance(1000);
  expect(await cache.get("zone", fetch)).toBe(1);
  clock.advance(1);
  expect(await cache.get("zone", fetch)).toBe(2);
});

test("kept for the whole command: no age ends it, only a write (invalidate) or a fresh listing (refresh)", async () => {
  const clock = fakeClock();
  const cache = new ShortLivedCache<number>(FOR_THE_WHOLE_COMMAND, clock);
  let fetches = 0;
  const fetch = async () => ++fetches;
  expect(await cache.get("zone", fetch)).toBe(1);
  clock.advance(24 * 3600_000);
  expect(await cache.get("zone", fetch)).toBe(1);
  cache.amend("zone", (value) => value * 10);
  clock.advance(24 * 3600_000);
  expect(await cache.get("zone", fetch)).toBe(10);
  cache.invalidate("zone");
  expect(await cache.get("zone", fetch)).toBe(2);
  expect(await cache.refresh("zone", fetch)).toBe(3);
  clock.advance(24 * 3600_000);
  expect(await cache.get("zone", fetch)).toBe(3);
});

test("concurrent callers share one request; keys are independent", async () => {
  const cache = new ShortLivedCache<string>(1000, fakeClock());
  let fetches = 0;
  const fetch = (value: string) => async () => {
    fetches++;
    await new Promise((resolve) => setImmediate(resolve));
    return value;
  };
  const results = await Promise.all([cache.get("a", fetch("a1")), cache.get("a", fetch("a2")), cache.get("b", fetch("b1"))]);
  expect(results).toEqual(["a1", "a1", "b1"]);
  expect(fetches).toBe(2);
});

test("refresh bypasses the cached value and replaces it; invalidate drops it", async () => {
  const cache = new ShortLivedCache<number>(10_000, fakeClock());
  let fetches = 0;
  const fetch = async () => ++fetches;
  await cache.get("k", fetch);
  expect(await cache.refresh("k", fetch)).toBe(2);
  expect(await cache.get("k", fetch)).toBe(2);
  cache.invalidate("k");
  expect(await cache.get("k", fetch)).toBe(3);
});

test("a failed fetch is not cached", async () => {
  const cache = new ShortLivedCache<number>(10_000, fakeClock());
  await expect(cache.get("k", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  expect(await cache.get("k", async () => 7)).toBe(7);
});

test("a listing begun before a write is neither joined nor kept by readers after the write", async () => {
  const cache = new ShortLivedCache<string>(10_000, fakeClock());
  let release!: (value: string) => void;
  const before = cache.get("zone", () => new Promise<string>((resolve) => (release = resolve)));
  cache.invalidate("zone"); // a write happens while that listing is in flight
  const after = cache.refresh("zone", async () => "after the write");
  release("before the write");
  expect(await before).toBe("before the write");
  expect(await after).toBe("after the write");
  expect(await cache.get("zone", async () => "unused")).toBe("after the write");
});
