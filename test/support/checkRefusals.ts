import type { EmulatorServer } from "../../emulator/core";
import { CheckFailedError, Engine, ProgramResource } from "../harness/engine";

/**
 * Runs `up` for each case's resource: every one must be refused by check,
 * naming the case's property (a case with "" names none, it is only refused),
 * and not one request may reach the vendor.
 */
export async function expectRefusedByCheck<Args>(
  fixture: { engine: Engine; server: EmulatorServer },
  cases: ReadonlyArray<readonly [Args, string]>,
  declare: (args: Args) => Promise<ProgramResource>,
): Promise<void> {
  fixture.server.resetRequests();
  for (const [args, property] of cases) {
    const failure = await fixture.engine.up(await declare(args)).catch((error) => error);
    expect(failure).toBeInstanceOf(CheckFailedError);
    if (property) expect((failure as CheckFailedError).failures.map((f) => f.property)).toContain(property);
  }
  expect(fixture.server.requests).toHaveLength(0);
}
