import type { EmulatorClock, VendorEmulator } from "../../emulator/core";
import { Fixture } from "../support/fixture";
import { startGandi } from "../support/gandiFixture";
import { startGigahostPlatform } from "../support/gigahostFixture";
import { startGigas } from "../support/gigasFixture";
import { startZoneid } from "../support/zoneidFixture";

/**
 * The emulators a kind runs against, as its lifecycle tests start them, with
 * a provider host configured for them. The recorder and the suite start the
 * same ones, so recorded snapshots restore into the emulator they came from.
 */
export interface VendorFixture {
  fixture: Fixture;
  /** Every mounted vendor emulator by name (Gigahost and Terrahost share one server). */
  emulators: Record<string, VendorEmulator>;
  /** The vendors' clock (one per fixture). */
  clock: EmulatorClock;
}

export type FixtureFamily = "gigahost" | "zoneid" | "gigas" | "gandi";

/** Terrahost runs the Gigahost platform: its kinds use Gigahost's fixture. */
export function familyOf(kind: string): FixtureFamily {
  const vendor = kind.split(":")[0];
  return vendor === "terrahost" ? "gigahost" : (vendor as FixtureFamily);
}

export async function startVendorFixture(family: FixtureFamily): Promise<VendorFixture> {
  switch (family) {
    case "gigahost": {
      const fixture = await startGigahostPlatform();
      return { fixture, emulators: { ...fixture.brands }, clock: fixture.brands.gigahost.clock };
    }
    case "zoneid": {
      // Cloud server orders take 2 minutes of vendor time: 1 s at 120x.
      const fixture = await startZoneid({ timeScale: 120 });
      return { fixture, emulators: { zoneid: fixture.zoneid }, clock: fixture.zoneid.clock };
    }
    case "gigas": {
      const fixture = await startGigas();
      return { fixture, emulators: { gigas: fixture.gigas }, clock: fixture.gigas.clock };
    }
    case "gandi": {
      const fixture = await startGandi();
      return { fixture, emulators: { gandi: fixture.gandi }, clock: fixture.gandi.clock };
    }
  }
}
