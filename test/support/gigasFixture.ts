import { createEmulatorClock } from "../../emulator/core";
import { DEFAULT_GIGAS_API_KEY, GigasEmulator, GigasEmulatorOptions } from "../../emulator/gigas";
import { Props, secretValue } from "../harness/providerHost";
import { Fixture, startFixture } from "./fixture";

/**
 * The smallest virtual machine the emulator builds (Debian template, first
 * location), labelled and named `name`: what a test needs when a VM is only
 * the thing its resource attaches to.
 */
export const minimalVmArgs = (name: string, initialRootPassword: string) => ({
  label: name,
  hostname: name,
  templateId: "2266610116",
  locationId: "226661012",
  memory: 1024,
  cpus: 1,
  primaryDiskSize: 10,
  initialRootPassword,
});

export interface GigasFixture extends Fixture {
  gigas: GigasEmulator;
}

/**
 * Time runs this many times faster in the emulator and the provider process
 * alike: a 90 s VM build takes 0.75 s.
 */
export const GIGAS_TIME_SCALE = 120;

/** The Gigas emulator on an accelerated clock and a provider host configured for it (API key by default). */
export async function startGigas(
  options: GigasEmulatorOptions = {},
  config: (url: string) => Props = (url) => ({ "gigas:apiUrl": url, "gigas:apiKey": secretValue(DEFAULT_GIGAS_API_KEY) }),
): Promise<GigasFixture> {
  const gigas = new GigasEmulator({ clock: createEmulatorClock({ scale: GIGAS_TIME_SCALE }), ...options });
  const fixture = await startFixture([gigas], (server) => config(server.urlFor("gigas")), { timeScale: GIGAS_TIME_SCALE });
  // Not a spread: `host` is a getter that must keep following `newCommand`.
  return Object.assign(fixture, { gigas });
}
