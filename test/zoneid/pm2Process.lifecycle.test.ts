import { Pm2Process, Pm2ProcessArgs } from "../../resources/zoneid";
import { programResource } from "../harness/engine";
import { startZoneid } from "../support/zoneidFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { upKilledDuringCreate } from "../support/crash";
import { fixtureForFile } from "../support/fileFixture";

const SERVICE = "apps.example.com";
const COLLECTION = "process/pm2";

const fixture = fixtureForFile(() => startZoneid({ timeScale: 60 }));
beforeAll(() => {
  fixture.zoneid.addWebHosting(SERVICE);
});

const base: Pm2ProcessArgs = { service: SERVICE, name: "api", script: "server.js" };
const processOf = (args: Partial<Pm2ProcessArgs>, name = "pm2") => programResource(() => new Pm2Process(name, { ...base, ...args } as Pm2ProcessArgs));
const stored = (id: string) => fixture.zoneid.hostingItems(SERVICE, COLLECTION).find((item) => String(item.id) === id);
const actions = (id: string) => fixture.zoneid.hosting.actions.filter((action) => action.path === COLLECTION && action.id === id).map((action) => action.action);

test("full lifecycle: create started, no drift, in-place change restarts, stop, restart trigger, out-of-band stop and delete, destroy of a running process", async () => {
  const { engine, zoneid } = fixture;
  const v1 = await processOf({});
  const created = await engine.up(v1);
  expect(created.operation).toBe("create");
  const id = created.entry.id;
  expect(created.entry.outputs).toMatchObject({ service: SERVICE, name: "api", script: "server.js", memoryLimit: 256, state: "running", status: "online", enabled: true, availableMemory: 1024 });
  expect(created.entry.outputs.homeDir).toEqual(expect.any(String));
  expect(stored(id)).toMatchObject({ name: "api", scriptname: "server.js", memory_limit: 256, status: "online" });
  // ZoneID creates the process stopped (emulator guess): create started it, once.
  expect(actions(id)).toEqual(["start"]);
  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // in place: a new script and memory limit are saved, and the running process restarted to take them
  const v2 = await processOf({ script: "dist/main.js", memoryLimit: 512 });
  const updated = await engine.up(v2);
  expect(updated.operation).toBe("update");
  expect(updated.entry.id).toBe(id);
  expect(stored(id)).toMatchObject({ scriptname: "dist/main.js", memory_limit: 512, status: "online" });
  expect(actions(id)).toEqual(["start", "restart"]);

  // the restart trigger: one restart when it changes, none when it stays
  const v3 = await processOf({ script: "dist/main.js", memoryLimit: 512, restartTrigger: "release-1" });
  expect((await engine.up(v3)).operation).toBe("update");
  expect(actions(id)).toEqual(["start", "restart", "restart"]);
  expect((await engine.preview(v3)).changes).toBe("none");

  // desired state stopped: stopped through the API
  const v4 = await processOf({ script: "dist/main.js", memoryLimit: 512, restartTrigger: "release-1", state: "stopped" });
  const stopped = await engine.up(v4);
  expect(stopped.entry.outputs).toMatchObject({ state: "stopped", status: "stopped" });
  expect(stored(id)).toMatchObject({ status: "stopped" });
  expect(actions(id)).toEqual(["start", "restart", "restart", "stop"]);
  // a new trigger does not restart a process meant to be stopped
  const v5 = await processOf({ script: "dist/main.js", memoryLimit: 512, restartTrigger: "release-2", state: "stopped" });
  await engine.up(v5);
  expect(actions(id)).toHaveLength(4);

  // out-of-band: started and its memory changed in the ZoneID UI; refresh shows it, up converges
  zoneid.changeHostingItem(SERVICE, COLLECTION, id, { status: "online", enabled: true, memory_limit: 128 });
  await fixture.newCommand();
  const refreshed = await engine.refresh(v5.urn);
  expect(refreshed?.outputs).toMatchObject({ state: "running", status: "online", memoryLimit: 128 });
  expect((await engine.preview(v5)).changes).toBe("some");
  await engine.up(v5);
  expect(stored(id)).toMatchObject({ status: "stopped", memory_limit: 512 });
  await engine.refresh(v5.urn);
  expect((await engine.preview(v5)).changes).toBe("none");

  // out-of-band delete (stopped first, as ZoneID requires): refresh reports it gone, up creates it again
  zoneid.removeHostingItem(SERVICE, COLLECTION, id);
  await fixture.newCommand();
  expect(await engine.refresh(v5.urn)).toBeUndefined();
  const again = await engine.up(v1);
  expect(again.operation).toBe("create");
  expect(stored(again.entry.id)).toMatchObject({ status: "online" });

  // destroy of a running process: stopped first (ZoneID refuses to delete a running app), then deleted
  const last = engine.entry(v1.urn);
  await engine.destroy(v1.urn);
  expect(zoneid.hostingItems(SERVICE, COLLECTION)).toEqual([]);
  expect(actions(again.entry.id)).toEqual(["start", "stop"]);
  await expectReadGoneAndDeleteSucceeds(fixture.host, last, v1.urn);
});

test("the emulator refuses, as ZoneID does, to delete a running process and a memory limit above what the service has", () => {
  const { zoneid } = fixture;
  const item = zoneid.hosting.create(SERVICE, COLLECTION, { name: "direct", scriptname: "a.js" });
  zoneid.hosting.update(SERVICE, COLLECTION, String(item.id), { status: "online" }, { force: true });
  expect(() => zoneid.removeHostingItem(SERVICE, COLLECTION, String(item.id))).toThrow(/running/);
  expect(() => zoneid.hosting.update(SERVICE, COLLECTION, String(item.id), { memory_limit: 4096 })).toThrow(/Validation failed/);
  zoneid.hosting.update(SERVICE, COLLECTION, String(item.id), { status: "stopped" }, { force: true });
  zoneid.removeHostingItem(SERVICE, COLLECTION, String(item.id));
});

test("ZoneID's refusal of a memory limit above what the service can give names the memoryLimit input, and nothing is left", async () => {
  const failure = await fixture.engine.up(await processOf({ name: "greedy", memoryLimit: 4096 }, "greedy")).catch((error) => error);
  expect(String(failure)).toMatch(/memoryLimit/);
  expect(fixture.zoneid.hostingItems(SERVICE, COLLECTION).filter((item) => item.name === "greedy")).toEqual([]);
});

test("a `pulumi up` killed the moment ZoneID made the process: the next up takes it (found by name and content), starts it, and makes no second one", async () => {
  const { zoneid, engine } = fixture;
  const resource = await processOf({ name: "worker", script: "worker.js", memoryLimit: 300 }, "crashy");
  const { entry } = await upKilledDuringCreate(fixture, resource, (request) => request.method === "POST" && request.path.endsWith(`/${COLLECTION}`));
  const workers = zoneid.hostingItems(SERVICE, COLLECTION).filter((item) => item.name === "worker");
  expect(workers.map((item) => String(item.id))).toEqual([entry.id]);
  expect(entry.outputs).toMatchObject({ state: "running", memoryLimit: 300 });
  expect(workers[0]).toMatchObject({ status: "online" });
  await engine.destroy(resource.urn);
  expect(zoneid.hostingItems(SERVICE, COLLECTION).filter((item) => item.name === "worker")).toEqual([]);
});

test("a process of the same name with other content is not taken for the half-made one", async () => {
  const { zoneid, engine } = fixture;
  zoneid.hosting.create(SERVICE, COLLECTION, { name: "other", scriptname: "theirs.js" });
  const resource = await processOf({ name: "other", script: "mine.js" }, "other");
  await expect(engine.up(resource)).rejects.toThrow(/PM2 process other of web hosting apps\.example\.com already exists .*adopt: true/);
  expect(zoneid.hostingItems(SERVICE, COLLECTION).filter((item) => item.name === "other")).toHaveLength(1);
});

test("bad inputs are refused at check, each naming its property, with no API call", async () => {
  const cases: [Partial<Pm2ProcessArgs> & Record<string, unknown>, string][] = [
    [{ name: "has space" }, "name"],
    [{ script: "" }, "script"],
    [{ script: "my app.js" }, "script"],
    [{ memoryLimit: 0 }, "memoryLimit"],
    [{ memoryLimit: 1.5 }, "memoryLimit"],
    [{ state: "paused" as never }, "state"],
    [{ restartTrigger: 3 as never }, "restartTrigger"],
    [{ service: "not a host" }, "service"],
    [{ colour: "red" }, ""],
  ];
  await expectRefusedByCheck(fixture, cases, (args) => processOf(args, "bad"));
});
