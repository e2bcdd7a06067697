import { KeyedMutex, Semaphore, SingleFlight } from "../../provider/limit";

const tick = () => new Promise((resolve) => setImmediate(resolve));

test("Semaphore runs at most `limit` tasks at once, in arrival order", async () => {
  const semaphore = new Semaphore(2);
  let active = 0;
  let peak = 0;
  const order: number[] = [];
  const gates: (() => void)[] = [];
  const tasks = [0, 1, 2, 3, 4].map((i) =>
    semaphore.run(async () => {
      active++;
      peak = Math.max(peak, active);
      order.push(i);
      await new Promise<void>((resolve) => gates.push(resolve));
      active--;
    }),
  );
  for (let i = 0; i < 5; i++) {
    await tick();
    gates.shift()?.();
  }
  await Promise.all(tasks);
  expect(peak).toBe(2);
  expect(order).toEqual([0, 1, 2, 3, 4]);
});

test("Semaphore releases its slot when a task fails", async () => {
  const semaphore = new Semaphore(1);
  await expect(semaphore.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  await expect(semaphore.run(async () => "next")).resolves.toBe("next");
});

test("KeyedMutex serializes one key and leaves other keys parallel", async () => {
  const mutex = new KeyedMutex();
  const events: string[] = [];
  const task = (key: string, name: string) =>
    mutex.run(key, async () => {
      events.push(`start ${name}`);
      await tick();
      events.push(`end ${name}`);
    });
  await Promise.all([task("zone-1", "a"), task("zone-1", "b"), task("zone-2", "c")]);
  expect(events.indexOf("end a")).toBeLessThan(events.indexOf("start b"));
  expect(events.indexOf("start c")).toBeLessThan(events.indexOf("end a"));
});

test("KeyedMutex continues after a failed task", async () => {
  const mutex = new KeyedMutex();
  const failed = mutex.run("k", async () => {
    throw new Error("first");
  });
  const next = mutex.run("k", async () => "second");
  await expect(failed).rejects.toThrow("first");
  await expect(next).resolves.toBe("second");
});

test("SingleFlight shares one in-flight call per key and starts afresh afterwards", async () => {
  const flight = new SingleFlight();
  let calls = 0;
  const work = async () => {
    calls++;
    await tick();
    return calls;
  };
  const results = await Promise.all([flight.run("k", work), flight.run("k", work), flight.run("other", work)]);
  expect(results[0]).toBe(results[1]);
  expect(calls).toBe(2);
  await flight.run("k", work);
  expect(calls).toBe(3);
});
