// Jest hooks: imported by test files only (test/compat/record.ts builds the support modules without Jest).
import type { Fixture } from "./fixture";

/**
 * The fixture of one test file: started before its tests and stopped after
 * them. What it returns stands for the started fixture (each property is read
 * from it when used), so it is only usable inside tests and hooks.
 */
export function fixtureForFile<F extends Fixture>(start: () => Promise<F>): F {
  let started: F | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(() => started?.stop());
  return new Proxy({} as F, {
    get(_target, property) {
      if (!started) throw new Error(`the fixture is used before beforeAll started it (reading ${String(property)})`);
      return Reflect.get(started, property, started);
    },
  });
}
