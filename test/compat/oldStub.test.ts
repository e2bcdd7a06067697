import * as path from "node:path";
import { providerStub } from "../../provider/dynamic";
import { REPO_ROOT, fixturePath, readFixture } from "./fixtures";
import { familyOf, startVendorFixture } from "./vendors";

/**
 * A stack written by 0.1.0 holds the closure-serialized stub (3.4 KB) in its
 * state; the program, once the package is upgraded, registers the written-out
 * stub (provider/dynamic.ts `providerStub`). The engine then hands the host
 * both: the stored one for refresh and destroy, the program's for check,
 * diff and update. Each must reach the installed package. (Every recorded
 * fixture also runs its whole lifecycle on its stored stub alone:
 * stateCompat.*.test.ts.)
 */
test("0.1.0 state with its 3.4 KB stub: refresh, preview, update and destroy next to the current stub, in one provider process", async () => {
  const fixture = readFixture(fixturePath("0.1.0", "gigahost:DnsRecord"));
  const { kind, id, urn } = fixture;
  const storedStub = fixture.outputs.__provider as string;
  const currentStub = providerStub(kind);
  // What makes this the old stub: Pulumi's closure serialization of seven methods.
  expect(Buffer.byteLength(storedStub)).toBeGreaterThan(3400);
  expect(storedStub).toContain("with({ load: __f2, this: undefined, arguments: undefined })");
  expect(path.relative(REPO_ROOT, fixturePath("0.1.0", kind))).toBe("test/compat/state-0.1.0/gigahost/DnsRecord.json");

  const vendors = await startVendorFixture(familyOf(kind));
  try {
    for (const [vendor, state] of Object.entries(fixture.emulatorState)) vendors.emulators[vendor].restore(state);
    const behind = fixture.emulatorClockMs - vendors.clock.now();
    if (behind > 0) vendors.clock.advance(behind);
    const host = vendors.fixture.host;

    // `pulumi refresh`: the stored outputs, stored stub and all
    const refreshed = await host.read(id, urn, fixture.outputs, fixture.inputs);
    expect(refreshed.id).toBe(id);
    expect(refreshed.properties.__provider).toBe(storedStub);

    // `pulumi preview` of the same program after the upgrade: its inputs carry the current stub; no changes
    const program = { ...fixture.inputs, __provider: currentStub };
    const checked = await host.check(urn, refreshed.inputs ?? fixture.inputs, program);
    expect(checked.failures).toEqual([]);
    expect(checked.inputs.__provider).toBe(currentStub);
    expect(await host.diff(id, urn, refreshed.properties, checked.inputs)).toMatchObject({ changes: "none" });

    // `pulumi up` with a new ttl: the update runs through the current stub and stores it
    const changed = await host.check(urn, checked.inputs, { ...program, ttl: 300 });
    expect(await host.diff(id, urn, refreshed.properties, changed.inputs)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await host.update(id, urn, refreshed.properties, changed.inputs);
    expect(updated.properties).toMatchObject({ ttl: 300, __provider: currentStub });
    expect(Buffer.byteLength(updated.properties.__provider as string)).toBeLessThanOrEqual(1536);

    // `pulumi destroy` of a stack whose state still holds the old stub (the resource never changed)
    const unchangedSince0_1_0 = { ...updated.properties, __provider: storedStub };
    expect((await host.read(id, urn, unchangedSince0_1_0, fixture.inputs)).properties).toMatchObject({ ttl: 300 });
    await host.delete(id, urn, unchangedSince0_1_0);
    expect((await host.read(id, urn, unchangedSince0_1_0, fixture.inputs)).id).toBe("");
  } finally {
    await vendors.fixture.stop();
  }
});
