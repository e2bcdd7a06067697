import { ProgramResource, StateEntry } from "../harness/engine";
import { Fixture } from "./fixture";

export interface CrashOutcome {
  /** What the first `up` reported when its provider process died. */
  firstError: unknown;
  /** The resource in state after the second `up`. */
  entry: StateEntry;
}

/**
 * A `pulumi up` killed mid-create, then run again: the provider process is
 * SIGKILLed the moment the emulator has applied the request `killOn`
 * matches, before its answer leaves, so the object exists at the vendor and
 * the engine has no id for it (as after a cancelled CI job). Then a new
 * command runs the same create.
 */
export async function upKilledDuringCreate(
  fixture: Fixture,
  resource: ProgramResource,
  killOn: (request: { vendor: string; method: string; path: string }) => boolean,
): Promise<CrashOutcome> {
  let killed = false;
  fixture.server.onApplied((request) => {
    if (!killed && killOn(request)) {
      killed = true;
      fixture.host.killNow();
    }
  });
  let firstError: unknown;
  try {
    await fixture.engine.up(resource);
  } catch (error) {
    firstError = error;
  } finally {
    fixture.server.onApplied(undefined);
  }
  if (!killed) throw new Error(`upKilledDuringCreate: no request matched, the provider was never killed (first up: ${String(firstError ?? "succeeded")})`);
  if (fixture.engine.state.has(resource.urn)) throw new Error("upKilledDuringCreate: the killed create reached state; kill earlier");
  await fixture.newCommand();
  const { entry } = await fixture.engine.up(resource);
  return { firstError, entry };
}
