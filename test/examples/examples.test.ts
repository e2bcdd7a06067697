import * as path from "node:path";
import { AllEmulators, EMULATOR_SECRET_KEYS, createAllEmulators, emulatorStackConfig, seedDemoData } from "../../emulator/all";
import { createEmulatorClock } from "../../emulator/core";
import { secretValue } from "../harness/providerHost";
import { deployProgram, destroyAll, driftedResources, programFromFile } from "../harness/program";
import { Fixture, startFixture } from "../support/fixture";

/**
 * Every example program, loaded as the Pulumi CLI would run it, deploys
 * against the bundled emulators (with the demo data `npm run emulator`
 * starts with), refreshes clean, and destroys without leaving anything.
 */
const TIME_SCALE = 240;

async function startAll(): Promise<{ all: AllEmulators; fixture: Fixture }> {
  const all = createAllEmulators({ clock: createEmulatorClock({ scale: TIME_SCALE }) });
  seedDemoData(all);
  const fixture = await startFixture(
    all.list,
    (server) => {
      const config: Record<string, unknown> = emulatorStackConfig((vendor) => server.urlFor(vendor));
      for (const key of EMULATOR_SECRET_KEYS) config[key] = secretValue(config[key]);
      return config;
    },
    { timeScale: TIME_SCALE },
  );
  return { all, fixture };
}

function leftovers(all: AllEmulators): string[] {
  const left: string[] = [];
  const userRecords = all.zoneid.records("example-shop.ee").filter((record) => record.delete !== false);
  if (userRecords.length) left.push(`zoneid records: ${userRecords.map((r) => JSON.stringify(r)).join(", ")}`);
  if (all.gandi.instances().length) left.push(`gandi instances: ${all.gandi.instances().length}`);
  if (all.gigas.virtualMachines().length) left.push(`gigas VMs: ${all.gigas.virtualMachines().length}`);
  if (all.gigas.disks().length) left.push(`gigas disks: ${all.gigas.disks().length}`);
  if (all.gigahost.servers.snapshots("3000").length) left.push("gigahost snapshots");
  if (all.gigahost.zones().length) left.push(`gigahost zones: ${all.gigahost.zones().length}`);
  return left;
}

const EXAMPLES = ["gigahost-dns", "gigahost-server", "zoneid-dns", "gigas-vm", "gandi-site", "showcase"];

describe.each(EXAMPLES)("examples/%s", (example) => {
  let all: AllEmulators;
  let fixture: Fixture;
  beforeAll(async () => {
    ({ all, fixture } = await startAll());
  });
  afterAll(() => fixture.stop());

  test("deploys, refreshes clean in a new command, and destroys leaving nothing behind", async () => {
    const program = programFromFile(path.resolve(__dirname, "../../examples", example, "index.ts"));
    const resources = await deployProgram(fixture.engine, program);
    expect(resources.length).toBeGreaterThan(0);
    expect(fixture.engine.state.size).toBe(resources.length);

    await fixture.newCommand();
    expect(await driftedResources(fixture.engine, program)).toEqual([]);

    await fixture.newCommand();
    await destroyAll(fixture.engine);
    expect(fixture.engine.state.size).toBe(0);
    expect(leftovers(all)).toEqual([]);
  });
});
