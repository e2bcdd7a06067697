import { AllEmulators, EMULATOR_SECRET_KEYS, GIGAS_DEMO_IDS, createAllEmulators, emulatorStackConfig, seedDemoData } from "../../emulator/all";
import { EmulatorClock, createEmulatorClock } from "../../emulator/core";
import { secretValue } from "../harness/providerHost";
import { Fixture, startFixture } from "./fixture";

export interface DemoFixture {
  all: AllEmulators;
  clock: EmulatorClock;
  fixture: Fixture;
}

/**
 * Every vendor's emulator with the demo data `npm run emulator` starts with,
 * on a clock `timeScale` times faster, and a provider host configured for all
 * of them (credentials as secrets).
 */
export async function startDemoEmulators(timeScale: number): Promise<DemoFixture> {
  const clock = createEmulatorClock({ scale: timeScale });
  const all = createAllEmulators({ clock });
  seedDemoData(all);
  const fixture = await startFixture(
    all.list,
    (server) => {
      const config: Record<string, unknown> = emulatorStackConfig((vendor) => server.urlFor(vendor));
      for (const key of EMULATOR_SECRET_KEYS) config[key] = secretValue(config[key]);
      return config;
    },
    { timeScale },
  );
  return { all, clock, fixture };
}

/** What the examples can leave at the vendors, listed (empty when nothing is left). */
export function leftovers(all: AllEmulators): string[] {
  const left: string[] = [];
  const userRecords = all.zoneid.records("example-shop.ee").filter((record) => record.delete !== false);
  if (userRecords.length) left.push(`zoneid records: ${userRecords.map((r) => JSON.stringify(r)).join(", ")}`);
  if (all.gandi.instances().length) left.push(`gandi instances: ${all.gandi.instances().length}`);
  if (all.gigas.virtualMachines().length) left.push(`gigas VMs: ${all.gigas.virtualMachines().length}`);
  // The demo data's detached disk stays.
  const disks = all.gigas.disks().filter((disk) => disk.id !== GIGAS_DEMO_IDS.diskId);
  if (disks.length) left.push(`gigas disks: ${disks.length}`);
  if (all.gigahost.servers.snapshots("3000").length) left.push("gigahost snapshots");
  if (all.gigahost.zones().length) left.push(`gigahost zones: ${all.gigahost.zones().length}`);
  return left;
}
