import { DEFAULT_ZONEID_API_KEY } from "../../emulator/zoneid";
import { Redis, RedisArgs } from "../../resources/zoneid";
import { redisDefinition } from "../../resources/zoneid/redis";
import { programResource, runProgram } from "../harness/engine";
import { startZoneid } from "../support/zoneidFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { upKilledDuringCreate } from "../support/crash";
import { fixtureForFile } from "../support/fileFixture";

const SERVICE = "cache.example.com";
const OTHER = "cache-other.example.com";
const TWICE = "cache-twice.example.com";
const COLLECTION = "database/redis";

const fixture = fixtureForFile(() => startZoneid({ timeScale: 60 }));
beforeAll(() => {
  fixture.zoneid.addWebHosting(SERVICE);
  fixture.zoneid.addWebHosting(OTHER);
  fixture.zoneid.addWebHosting(TWICE);
});

const redisOf = (args: Partial<RedisArgs> & Record<string, unknown>, name = "redis") => programResource(() => new Redis(name, { service: SERVICE, ...args } as RedisArgs));
const items = (service = SERVICE) => fixture.zoneid.hostingItems(service, COLLECTION);
const actions = (service = SERVICE) => fixture.zoneid.hosting.actions.filter((action) => action.path === COLLECTION && action.service === service).map((action) => action.action);

test("full lifecycle: activate, no drift, stop, new auth key and restart once per trigger, out-of-band changes, delete stops it and leaves it active", async () => {
  const { engine, zoneid } = fixture;
  const logs: string[] = [];
  const newCommand = async () => {
    logs.push(fixture.host.stderr);
    await fixture.newCommand();
  };
  const v1 = await redisOf({});
  const created = await engine.up(v1);
  expect(created.operation).toBe("create");
  const id = created.entry.id;
  const firstKey = String(items()[0].password);
  expect(created.entry.outputs).toMatchObject({ service: SERVICE, state: "running", status: "online", enabled: true, authKey: firstKey, host: "localhost", port: "6379" });
  expect(items()).toHaveLength(1);
  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // a new auth key once when its trigger changes, not again when it stays
  const v2 = await redisOf({ authKeyTrigger: "2026-q3" });
  const rotated = await engine.up(v2);
  expect(rotated.operation).toBe("update");
  const secondKey = String(items()[0].password);
  expect(secondKey).not.toBe(firstKey);
  expect(rotated.entry.outputs.authKey).toBe(secondKey);
  expect(actions()).toEqual(["regenerateauth"]);
  await engine.up(v2);
  expect(actions()).toEqual(["regenerateauth"]);

  // restart once per trigger change
  const v3 = await redisOf({ authKeyTrigger: "2026-q3", restartTrigger: "r1" });
  await engine.up(v3);
  expect(actions()).toEqual(["regenerateauth", "restart"]);

  // stopped in place
  const v4 = await redisOf({ authKeyTrigger: "2026-q3", restartTrigger: "r1", state: "stopped" });
  expect((await engine.up(v4)).entry.outputs).toMatchObject({ state: "stopped", status: "stopped" });
  expect(items()[0]).toMatchObject({ status: "stopped" });

  // out-of-band: started and given a new key in the web UI; refresh shows both, up stops it again
  zoneid.changeHostingItem(SERVICE, COLLECTION, id, { status: "online", enabled: true, password: "rk-set-in-the-web-ui-0001" });
  await newCommand();
  expect((await engine.refresh(v4.urn))?.outputs).toMatchObject({ state: "running", authKey: "rk-set-in-the-web-ui-0001" });
  expect((await engine.preview(v4)).changes).toBe("some");
  await engine.up(v4);
  expect(items()[0]).toMatchObject({ status: "stopped", password: "rk-set-in-the-web-ui-0001" });
  await engine.refresh(v4.urn);
  expect((await engine.preview(v4)).changes).toBe("none");

  // deactivated out of band (web UI): refresh reports it gone, up activates it again
  zoneid.removeHostingItem(SERVICE, COLLECTION, id);
  await newCommand();
  expect(await engine.refresh(v4.urn)).toBeUndefined();
  const again = await engine.up(v1);
  expect(again.operation).toBe("create");
  expect(items()).toHaveLength(1);

  // delete: the API has no DELETE; Redis is stopped and stays activated, and a read still finds it
  const last = engine.entry(v1.urn);
  await engine.destroy(v1.urn);
  expect(items()).toEqual([expect.objectContaining({ status: "stopped" })]);
  expect((await fixture.host.read(last.id, v1.urn, last.outputs, last.inputs)).id).toBe(last.id);
  expect(fixture.server.requests.filter((request) => request.method === "DELETE")).toEqual([]);

  // the auth key: a secret output, in no log line
  expect(redisDefinition.secretProperties).toEqual(["authKey"]);
  const allLogs = [...logs, fixture.host.stderr].join("\n");
  for (const key of [firstKey, secondKey]) expect(allLogs).not.toContain(key);
  expect(allLogs).not.toContain(DEFAULT_ZONEID_API_KEY);
});

test("a `pulumi up` killed the moment ZoneID activated Redis: the next up manages that Redis and activates nothing again", async () => {
  const { engine } = fixture;
  fixture.server.resetRequests();
  const resource = await redisOf({ service: OTHER, state: "stopped" }, "crashy");
  const { entry } = await upKilledDuringCreate(fixture, resource, (request) => request.method === "POST" && request.path.endsWith(`/${COLLECTION}`));
  expect(fixture.server.requests.filter((request) => request.method === "POST" && request.path.endsWith(`/${COLLECTION}`) && request.status === 200)).toHaveLength(1);
  expect(items(OTHER).map((item) => String(item.id))).toEqual([entry.id]);
  expect(entry.outputs).toMatchObject({ state: "stopped" });
  expect(items(OTHER)[0]).toMatchObject({ status: "stopped" });
  await engine.destroy(resource.urn);
});

test("a Redis activated in the web UI is managed as it is: nothing is activated again", async () => {
  const { engine, zoneid } = fixture;
  zoneid.addWebHosting("cache-ui.example.com");
  const active = zoneid.hosting.create("cache-ui.example.com", COLLECTION, { password: "rk-made-in-the-web-ui-01", port: "6380" });
  fixture.server.resetRequests();
  const resource = await redisOf({ service: "cache-ui.example.com" }, "ui");
  const { entry } = await engine.up(resource);
  expect(entry.id).toBe(String(active.id));
  expect(entry.outputs).toMatchObject({ authKey: "rk-made-in-the-web-ui-01", port: "6380", state: "running" });
  expect(fixture.server.requests.filter((request) => request.method === "POST")).toEqual([]);
  await engine.destroy(resource.urn);
  expect(items("cache-ui.example.com")).toEqual([expect.objectContaining({ status: "stopped" })]);
});

test("two Redis resources for one service in one run: the second fails naming the service, before any request, and the first keeps the one Redis", async () => {
  const { engine } = fixture;
  await fixture.newCommand();
  const [first, second] = await runProgram(() => {
    const sessions = new Redis("sessions", { service: TWICE });
    return [sessions, new Redis("queue", { service: TWICE, state: "stopped" }, { dependsOn: [sessions] })];
  });
  const made = await engine.up(first);
  fixture.server.resetRequests();
  await expect(engine.up(second)).rejects.toThrow(/zoneid:Redis of web hosting cache-twice\.example\.com \(`service`; a service has one Redis\) is already managed by another resource of this program/);
  expect(fixture.server.requests).toEqual([]);
  expect(items(TWICE).map((item) => [String(item.id), item.status])).toEqual([[made.entry.id, "online"]]);
  await engine.destroy(first.urn);
});

test("bad inputs are refused at check, each naming its property, with no API call", async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ service: "" }, "service"],
    [{ service: "not a host" }, "service"],
    [{ state: "paused" }, "state"],
    [{ restartTrigger: 1 }, "restartTrigger"],
    [{ authKeyTrigger: true }, "authKeyTrigger"],
    [{ authKey: "mine" }, ""],
  ];
  await expectRefusedByCheck(fixture, cases, (args) => redisOf(args, "bad"));
});
