import { JobClock, createEmulatorClock } from "../../emulator/core";

/** A job clock on a clock that only moves when told to (scale tiny: real time adds under a millisecond per hour). */
function jobClock() {
  const clock = createEmulatorClock({ scale: 1e-9 });
  return { clock, jobs: new JobClock(clock), start: clock.now() };
}

describe("JobClock", () => {
  it.each([
    { name: "earliest due time first", schedule: [30, 10, 20], advance: 30, ran: [10, 20, 30] },
    { name: "only jobs due by now", schedule: [10, 50, 20], advance: 25, ran: [10, 20] },
    { name: "nothing before its due time", schedule: [10], advance: 9, ran: [] },
    { name: "a job due exactly now", schedule: [10], advance: 10, ran: [10] },
  ])("runs $name", ({ schedule, advance, ran }) => {
    const { clock, jobs, start } = jobClock();
    const log: number[] = [];
    for (const offset of schedule) jobs.at(start + offset, (dueAt) => log.push(dueAt - start));
    clock.advance(advance);
    expect(jobs.runDue()).toBe(ran.length);
    expect(log).toEqual(ran);
    expect(jobs.pending).toBe(schedule.length - ran.length);
  });

  it("runs jobs due at the same time in scheduling order", () => {
    const { clock, jobs, start } = jobClock();
    const log: string[] = [];
    for (const name of ["a", "b", "c"]) jobs.at(start + 5, () => log.push(name));
    clock.advance(5);
    jobs.runDue();
    expect(log).toEqual(["a", "b", "c"]);
  });

  it("replaces a job scheduled under the same key, and cancels by key", () => {
    const { clock, jobs, start } = jobClock();
    const log: string[] = [];
    jobs.at(start + 5, () => log.push("first"), "vm");
    jobs.at(start + 50, () => log.push("second"), "vm");
    expect(jobs.has("vm")).toBe(true);
    clock.advance(10);
    jobs.runDue();
    expect(log).toEqual([]);
    jobs.cancel("vm");
    expect(jobs.has("vm")).toBe(false);
    clock.advance(100);
    jobs.runDue();
    expect(log).toEqual([]);
  });

  it("runs a job scheduled by a job in the same pass when it is already due, and not before", () => {
    const { clock, jobs, start } = jobClock();
    const log: string[] = [];
    jobs.at(start + 10, () => {
      log.push("order");
      jobs.at(start + 20, () => log.push("install"));
      jobs.at(start + 99, () => log.push("later"));
    });
    clock.advance(30);
    jobs.runDue();
    expect(log).toEqual(["order", "install"]);
    expect(jobs.pending).toBe(1);
  });

  it("cancels through the handle, and clear() forgets everything", () => {
    const { clock, jobs, start } = jobClock();
    const log: string[] = [];
    const handle = jobs.at(start + 1, () => log.push("cancelled"));
    jobs.at(start + 1, () => log.push("kept"), "k");
    handle.cancel();
    jobs.after(1, () => log.push("after"));
    clock.advance(1);
    jobs.runDue();
    expect(log).toEqual(["kept", "after"]);
    jobs.at(start + 2, () => log.push("cleared"), "x");
    jobs.clear();
    clock.advance(5);
    expect(jobs.runDue()).toBe(0);
    expect(jobs.has("x")).toBe(false);
  });

  it("refuses a due time that is not a number", () => {
    expect(() => jobClock().jobs.at(Number.NaN, () => undefined)).toThrow(RangeError);
  });
});
