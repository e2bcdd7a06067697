import * as path from "node:path";
import { AllEmulators } from "../../emulator/all";
import { deployProgram, destroyAll, driftedResources, programFromFile } from "../harness/program";
import { leftovers, startDemoEmulators } from "../support/demoFixture";
import { Fixture } from "../support/fixture";

/**
 * Every example program, loaded as the Pulumi CLI would run it, deploys
 * against the bundled emulators (with the demo data `npm run emulator`
 * starts with), refreshes clean, and destroys without leaving anything.
 */
const TIME_SCALE = 240;

const EXAMPLES = ["gigahost-dns", "gigahost-server", "zoneid-dns", "gigas-vm", "gandi-site", "showcase"];

describe.each(EXAMPLES)("examples/%s", (example) => {
  let all: AllEmulators;
  let fixture: Fixture;
  beforeAll(async () => {
    ({ all, fixture } = await startDemoEmulators(TIME_SCALE));
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
