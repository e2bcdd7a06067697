import { createEmulatorClock } from "../../emulator/core";
import { DEFAULT_ZONEID_API_KEY, DEFAULT_ZONEID_USERNAME, ZoneidEmulator, ZoneidEmulatorOptions } from "../../emulator/zoneid";
import { Props, secretValue } from "../harness/providerHost";
import { Fixture, startFixture } from "./fixture";

export interface ZoneidFixture extends Fixture {
  zoneid: ZoneidEmulator;
}

/**
 * The ZoneID emulator (60 requests per minute, as the real API) and a
 * provider host configured for it. Both clocks run `timeScale` times faster,
 * so pacing to the rate limit takes seconds.
 */
export async function startZoneid(
  options: ZoneidEmulatorOptions & { timeScale?: number; env?: NodeJS.ProcessEnv } = {},
  config: (url: string) => Props = (url) => ({
    "zoneid:apiUrl": url,
    "zoneid:username": DEFAULT_ZONEID_USERNAME,
    "zoneid:apiKey": secretValue(DEFAULT_ZONEID_API_KEY),
  }),
): Promise<ZoneidFixture> {
  const { timeScale = 60, env, ...emulatorOptions } = options;
  const zoneid = new ZoneidEmulator({ clock: createEmulatorClock({ scale: timeScale }), ...emulatorOptions });
  const fixture = await startFixture([zoneid], (server) => config(server.urlFor("zoneid")), { timeScale, env });
  // Assign onto the fixture: spreading it would freeze its `host` getter.
  return Object.assign(fixture, { zoneid });
}
