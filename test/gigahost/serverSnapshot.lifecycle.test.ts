import * as gigahost from "../../resources/gigahost";
import * as terrahost from "../../resources/terrahost";
import { ProviderCallError } from "../harness/providerHost";
import { splitDisplayName } from "../../resources/gigahost/serverSnapshot";
import { upKilledDuringCreate } from "../support/crash";
import { brandResource, startGigahostPlatform } from "../support/gigahostFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";

// 3 minutes of snapshot work take 0.75 s at 240x.
const fixture = fixtureForFile(() => startGigahostPlatform({ timings: { snapshotMs: 3 * 60_000 } }));

const snapshot = brandResource({ gigahost: gigahost.ServerSnapshot, terrahost: terrahost.ServerSnapshot });

describe.each(["gigahost", "terrahost"] as const)("%s:ServerSnapshot", (brand) => {
  const emulator = () => fixture.brands[brand].servers;

  test("full lifecycle: create waits until completed, no drift, replace on rename, out-of-band delete, destroy", async () => {
    const { engine } = fixture;
    const server = emulator().addServer();
    const v1 = await snapshot(brand, "snap", { serverId: server.id, name: "before-upgrade" });
    fixture.server.resetRequests();
    const created = await engine.up(v1);
    const stored = emulator().stored(server.id)!.snapshots;
    expect(stored).toHaveLength(1);
    expect(created.entry.id).toBe(stored[0].id);
    expect(created.entry.outputs).toMatchObject({ snapshotId: stored[0].id, serverId: server.id, name: "before-upgrade", state: "completed" });
    expect(created.entry.outputs.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // the create answer has no id: it was found by name, then polled until completed
    const posts = fixture.server.requests.filter((r) => r.method === "POST");
    expect(posts.map((r) => r.path)).toEqual([`${fixture.brands[brand].basePath}/servers/${server.id}/snapshot`]);
    expect(fixture.server.requests.filter((r) => r.path.endsWith("/snapshots")).length).toBeGreaterThan(2);

    await engine.refresh(v1.urn);
    expect((await engine.preview(v1)).changes).toBe("none");
    // timeouts and adopt never cause a diff
    expect((await engine.preview(await snapshot(brand, "snap", { serverId: server.id, name: "before-upgrade", timeouts: { create: "2h" } }))).changes).toBe("none");

    // a new name replaces: the old snapshot is deleted first (a replacement carries the same creation tag), then the new one made
    const v2 = await snapshot(brand, "snap", { serverId: server.id, name: "after-upgrade" });
    expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: ["name"] });
    const replaced = await engine.up(v2);
    expect(replaced.operation).toBe("replace");
    expect(emulator().stored(server.id)!.snapshots.map((s) => splitDisplayName(s.displayName).name)).toEqual(["after-upgrade"]);
    // the display name carries the creation tag after the user's name; outputs show the user's name
    expect(emulator().stored(server.id)!.snapshots[0].displayName).toMatch(/^after-upgrade peh-[0-9a-f]{16}$/);
    expect(replaced.entry.outputs.name).toBe("after-upgrade");

    // deleted out of band: refresh reports it gone, up makes it again
    emulator().removeSnapshot(server.id, replaced.entry.id);
    expect(await engine.refresh(v2.urn)).toBeUndefined();
    expect((await engine.up(v2)).operation).toBe("create");

    const last = engine.entry(v2.urn);
    await engine.destroy(v2.urn);
    expect(emulator().stored(server.id)!.snapshots).toHaveLength(0);
    await expectReadGoneAndDeleteSucceeds(fixture.host, last, v2.urn);
  });

  test("an existing snapshot of the same name, made elsewhere, is refused unless adopted", async () => {
    const { engine } = fixture;
    const server = emulator().addServer();
    emulator().createSnapshot(server.id, "nightly");
    const existingId = emulator().stored(server.id)!.snapshots[0].id;
    const clash = await snapshot(brand, "second", { serverId: server.id, name: "nightly" });
    await expect(engine.up(clash)).rejects.toThrow(/already has a snapshot named "nightly".*Set `adopt: true`/);
    const adopted = await engine.up(await snapshot(brand, "second", { serverId: server.id, name: "nightly", adopt: true }));
    expect(adopted.entry.id).toBe(existingId);
    expect(emulator().stored(server.id)!.snapshots).toHaveLength(1);
  });

  test("two resources of one program taking one snapshot: the second fails naming it, nothing is made for it", async () => {
    const { engine } = fixture;
    const server = emulator().addServer();
    await engine.up(await snapshot(brand, "one", { serverId: server.id, name: "twice" }));
    const second = await snapshot(brand, "two", { serverId: server.id, name: "twice", adopt: true });
    await expect(engine.up(second)).rejects.toThrow(/ServerSnapshot "twice" of server \d+ is already managed by another resource of this program/);
    expect(emulator().stored(server.id)!.snapshots).toHaveLength(1);
  });

  test("a `pulumi up` killed just after the snapshot was requested, then run again: one snapshot, in state with its id", async () => {
    const server = emulator().addServer();
    const resource = await snapshot(brand, "crashy", { serverId: server.id, name: "crashy" });
    const { entry } = await upKilledDuringCreate(fixture, resource, (r) => r.method === "POST" && r.path.endsWith(`/servers/${server.id}/snapshot`));
    const stored = emulator().stored(server.id)!.snapshots;
    expect(stored.map((s) => s.id)).toEqual([entry.id]);
    expect(entry.outputs).toMatchObject({ snapshotId: entry.id, name: "crashy", state: "completed" });
    await fixture.engine.destroy(resource.urn);
    expect(emulator().stored(server.id)!.snapshots).toEqual([]);
  });

  test("the server going away takes its snapshots: refresh reports gone, delete succeeds", async () => {
    const { engine } = fixture;
    const server = emulator().addServer();
    const resource = await snapshot(brand, "orphan", { serverId: server.id, name: "orphan" });
    await engine.up(resource);
    const last = engine.entry(resource.urn);
    emulator().removeServer(server.id);
    expect(await engine.refresh(resource.urn)).toBeUndefined();
    await fixture.host.delete(last.id, resource.urn, last.outputs);
  });
});

test("a snapshot past its deadline keeps its id; the next up waits for it to complete", async () => {
  const { engine } = fixture;
  const server = fixture.brands.gigahost.servers.addServer();
  const resource = await snapshot("gigahost", "slow", { serverId: server.id, name: "slow", timeouts: { create: "90s" } });
  const failure = await engine.up(resource).catch((error) => error);
  expect(failure).toBeInstanceOf(ProviderCallError);
  expect(String(failure.message)).toMatch(/Timed out after [0-9ms]+ waiting for snapshot "slow" of Gigahost server \d+ to complete; last state: pending/);
  const stored = fixture.brands.gigahost.servers.stored(server.id)!.snapshots;
  expect(stored).toHaveLength(1);
  // the engine kept the id and partial state: no second snapshot is made
  expect(engine.entry(resource.urn)).toMatchObject({ id: stored[0].id, outputs: { state: "pending" } });
  const finished = await fixture.host.update(stored[0].id, resource.urn, engine.entry(resource.urn).outputs, engine.entry(resource.urn).inputs);
  expect(finished.properties.state).toBe("completed");
  expect(fixture.brands.gigahost.servers.stored(server.id)!.snapshots).toHaveLength(1);
});

test("snapshots of a dedicated server are refused with the vendor's words", async () => {
  const server = fixture.brands.terrahost.servers.addServer({ type: "dedicated" });
  const resource = await snapshot("terrahost", "dedicated", { serverId: server.id, name: "nope" });
  await expect(fixture.engine.up(resource)).rejects.toThrow(/Snapshots are only available for virtual servers/);
});

test("bad input is caught at check with zero API calls", async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ serverId: "abc", name: "ok" }, "serverId"],
    [{ serverId: "1", name: "" }, "name"],
    [{ serverId: "1", name: "x".repeat(65) }, "name"],
    [{ serverId: "1", name: "-leading-dash" }, "name"],
    [{ serverId: "1", name: "semi;colon" }, "name"],
    [{ serverId: "1", name: "ok", timeouts: { create: "forever" } }, "timeouts.create"],
    [{ serverId: "1", name: "ok", adopt: "yes" }, "adopt"],
  ];
  const brandCases = (["gigahost", "terrahost"] as const).flatMap((brand) => cases.map(([args, property]) => [{ brand, args }, property] as const));
  await expectRefusedByCheck(fixture, brandCases, ({ brand, args }) => snapshot(brand, "bad", args as never));
});
