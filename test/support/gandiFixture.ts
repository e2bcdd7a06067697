import { createEmulatorClock } from "../../emulator/core";
import { DEFAULT_GANDI_TOKEN, GandiEmulator, GandiEmulatorOptions } from "../../emulator/gandi";
import { Props, secretValue } from "../harness/providerHost";
import { Fixture, startFixture } from "./fixture";

export interface GandiFixture extends Fixture {
  gandi: GandiEmulator;
}

/** Minutes of Gandi provisioning take about a second: provider and emulator both run 60× faster. */
export const GANDI_TIME_SCALE = 60;

/** The Gandi emulator and a provider host configured for it (personal access token by default). */
export async function startGandi(
  options: GandiEmulatorOptions = {},
  config: (url: string) => Props = (url) => ({ "gandi:apiUrl": url, "gandi:personalAccessToken": secretValue(DEFAULT_GANDI_TOKEN) }),
): Promise<GandiFixture> {
  const gandi = new GandiEmulator({
    clock: createEmulatorClock({ scale: GANDI_TIME_SCALE }),
    timings: { billMs: 10_000, provisionMs: 50_000, changeMs: 30_000, deleteMs: 20_000, vhostCreateMs: 15_000, vhostDeleteMs: 10_000 },
    ...options,
  });
  const fixture = await startFixture([gandi], (server) => config(server.urlFor("gandi")), { timeScale: GANDI_TIME_SCALE });
  // Not a spread: `host` is a getter that must follow `newCommand` (a spread would freeze the first process).
  return Object.assign(fixture, { gandi });
}
