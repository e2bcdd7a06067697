import { DEFAULT_GIGAHOST_API_KEY, GigahostEmulator, GigahostEmulatorOptions } from "../../emulator/gigahost";
import { Props, secretValue } from "../harness/providerHost";
import { Fixture, startFixture } from "./fixture";

export interface GigahostFixture extends Fixture {
  gigahost: GigahostEmulator;
}

/** The Gigahost emulator and a provider host configured for it (API key by default). */
export async function startGigahost(
  options: GigahostEmulatorOptions = {},
  config: (url: string) => Props = (url) => ({ "gigahost:apiUrl": url, "gigahost:apiKey": secretValue(DEFAULT_GIGAHOST_API_KEY) }),
): Promise<GigahostFixture> {
  const gigahost = new GigahostEmulator({ zoneWriteMs: 10, ...options });
  const fixture = await startFixture([gigahost], (server) => config(server.urlFor("gigahost")));
  // Assign onto the fixture: spreading it would freeze its `host` getter.
  return Object.assign(fixture, { gigahost });
}
