import * as pulumi from "@pulumi/pulumi";
import { EmulatorServer, startEmulatorServer } from "../../emulator/core";
import { DEFAULT_GANDI_TOKEN, GANDI_ORGANIZATION_ID, GandiEmulator } from "../../emulator/gandi";
import { gandiClient } from "../../provider/gandi/client";
import {
  enableConsole,
  getApplication,
  getApplications,
  getVhosts,
  getInstanceUsage,
  getInstances,
  purgeVhostCache,
  resetDatabasePassword,
  restartInstance,
} from "../../resources/gandi";

let gandi: GandiEmulator;
let server: EmulatorServer;

beforeAll(async () => {
  gandi = new GandiEmulator();
  server = await startEmulatorServer([gandi]);
  await pulumi.runtime.setMocks({ newResource: (args) => ({ id: args.name, state: args.inputs }), call: (args) => args.inputs }, "p", "s", false);
  pulumi.runtime.setAllConfig({ "gandi:apiUrl": server.urlFor("gandi"), "gandi:personalAccessToken": DEFAULT_GANDI_TOKEN }, ["gandi:personalAccessToken"]);
});
afterAll(() => server.close());

test("getInstances follows page/per_page with Total-Count and Link until the last page", async () => {
  for (let i = 0; i < 130; i++) gandi.addInstance({ name: `bulk-${i}` });
  server.resetRequests();
  const instances = await getInstances({ name: "bulk-*" });
  expect(instances).toHaveLength(130);
  expect(new Set(instances.map((instance) => instance.instanceId)).size).toBe(130);
  expect(instances[0]).toMatchObject({ status: "active", location: "FR", datacenter: "FR-SD5", language: "php", database: "mysql", storageTotalGb: 20 });
  expect(server.requests.filter((request) => request.path.endsWith("/instances")).map((request) => request.query.page)).toEqual(["1", "2"]);
});

test("getInstances reads each instance's vhosts from its vhost listing (list items carry none)", async () => {
  const instance = gandi.addInstance({ name: "with-vhosts-1" });
  gandi.addVhost(instance.id, "a.example.com");
  gandi.addVhost(instance.id, "b.example.com");
  gandi.addInstance({ name: "with-vhosts-2" });
  server.resetRequests();
  const found = await getInstances({ name: "with-vhosts-*" });
  expect(Object.fromEntries(found.map((summary) => [summary.name, summary.vhostFqdns.sort()]))).toEqual({
    "with-vhosts-1": ["a.example.com", "b.example.com"],
    "with-vhosts-2": [],
  });
  expect(server.requests.filter((request) => request.path.endsWith("/vhosts"))).toHaveLength(2);
});

test("getApplications filters by language and database with Gandi's patterns", async () => {
  expect((await getApplications({ language: "php", database: "pg*" })).map((app) => app.name)).toEqual(["nextcloud"]);
  const node = await getApplications({ language: "node*" });
  expect(node).toEqual([
    { name: "ghost", label: "Ghost", requirements: [expect.objectContaining({ language: "nodejs", database: "mysql", minimumSize: "starter" })] },
  ]);
});

test("actions, usage and cache purge reach the instance", async () => {
  const instance = gandi.addInstance({ name: "actions-1", storageAdditionalSize: 5 });
  gandi.addVhost(instance.id, "cache.example.com");
  await restartInstance({ instanceId: instance.id });
  await resetDatabasePassword({ instanceId: instance.id });
  await enableConsole({ instanceId: instance.id });
  await purgeVhostCache({ instanceId: instance.id, fqdn: "Cache.Example.com." });
  const live = gandi.instance(instance.id)!;
  expect([live.restarts, live.databasePasswordResets, live.consoleEnabled]).toEqual([1, 1, true]);
  expect(gandi.vhosts(instance.id)[0].cachePurges).toBe(1);
  const usage = await getInstanceUsage({ instanceId: instance.id });
  expect(usage.diskSizeBytes).toBe(25 * 1024 ** 3);
  expect(usage.diskUsedBytes).toBeGreaterThan(0);
  await expect(getInstanceUsage({ instanceId: "00000000-0000-4000-a000-000000000000" })).rejects.toThrow(
    "answered 404: The resource could not be found. (cause: Not Found, object: instance)",
  );
});

test("an action Gandi answers 204 to (\"the action cannot be performed\") fails naming the action; nothing was done", async () => {
  const instance = gandi.addInstance({ name: "actions-locked-1" });
  gandi.modifyInstance(instance.id, { hold: "locked" });
  server.resetRequests();
  await expect(restartInstance({ instanceId: instance.id })).rejects.toThrow(
    `Gandi did not perform the "restart" action on instance ${instance.id}: it answered 204`,
  );
  await expect(enableConsole({ instanceId: instance.id })).rejects.toThrow('"console" action');
  await expect(resetDatabasePassword({ instanceId: instance.id })).rejects.toThrow('"reset_database_password" action');
  expect(server.requests.map((request) => request.status)).toEqual([204, 204, 204]);
  const live = gandi.instance(instance.id)!;
  expect([live.restarts, live.databasePasswordResets, live.consoleEnabled]).toEqual([0, 0, false]);
});

test("gandi:sharingId bills the organization; an organization without billing rights is refused in Gandi's words", async () => {
  const body = {
    location: "LU",
    size: "starter",
    name: "billed-1",
    type: { database: { name: "pgsql" }, language: { name: "python" } },
  };
  const billed = gandiClient((key) => ({ "gandi:apiUrl": server.urlFor("gandi"), "gandi:personalAccessToken": DEFAULT_GANDI_TOKEN, "gandi:sharingId": GANDI_ORGANIZATION_ID })[key]);
  expect(await billed.validateInstance(body)).toEqual({ status: "success", errors: [] });
  const id = await billed.createInstance(body);
  expect(gandi.createAttempts.slice(-2).map((attempt) => [attempt.dryRun, attempt.sharingId])).toEqual([
    [true, GANDI_ORGANIZATION_ID],
    [false, GANDI_ORGANIZATION_ID],
  ]);
  expect(gandi.instance(id)?.sharingId).toBe(GANDI_ORGANIZATION_ID);

  const stranger = gandiClient((key) => ({ "gandi:apiUrl": server.urlFor("gandi"), "gandi:personalAccessToken": DEFAULT_GANDI_TOKEN, "gandi:sharingId": "not-my-org" })[key]);
  await expect(stranger.createInstance({ ...body, name: "billed-2" })).rejects.toThrow(
    "answered 403: You do not have billing permissions on this organization. (cause: Forbidden, object: HTTPForbidden)",
  );
});

test("ids with dot segments, slashes or control characters are refused before any request, naming the argument", async () => {
  const instance = gandi.addInstance({ name: "dots-1" });
  server.resetRequests();
  // Without the check, ".." is resolved by the URL parser: POST /instances/../action reaches /simplehosting/action.
  await expect(restartInstance({ instanceId: ".." })).rejects.toThrow('restartInstance: `instanceId` must not be ".." (a dot segment would reach another endpoint)');
  await expect(resetDatabasePassword({ instanceId: "." })).rejects.toThrow('resetDatabasePassword: `instanceId` must not be "."');
  await expect(enableConsole({ instanceId: `${instance.id}/../x` })).rejects.toThrow('enableConsole: `instanceId` must not contain "/"');
  await expect(getInstanceUsage({ instanceId: `${instance.id}\n` })).rejects.toThrow("getInstanceUsage: `instanceId` must not contain control characters");
  await expect(purgeVhostCache({ instanceId: "..", fqdn: "cache.example.com" })).rejects.toThrow('purgeVhostCache: `instanceId` must not be ".."');
  expect(server.requests).toHaveLength(0);
  expect(gandi.instance(instance.id)!.restarts).toBe(0);
});

test("getVhosts lists one instance's vhosts (all pages), filtered by Gandi's fqdn pattern and status", async () => {
  const instance = gandi.addInstance({ name: "vhost-list-1" });
  for (let i = 0; i < 3; i++) gandi.addVhost(instance.id, `site${i}.example.com`);
  gandi.addVhost(instance.id, "www.other.org");
  server.resetRequests();
  const all = await getVhosts({ instanceId: instance.id });
  expect(all.map((vhost) => vhost.fqdn).sort()).toEqual(["site0.example.com", "site1.example.com", "site2.example.com", "www.other.org"]);
  expect(all[0]).toMatchObject({ status: expect.any(String), isTestVhost: false, certificateIds: expect.any(Array) });
  const filtered = await getVhosts({ instanceId: instance.id, fqdn: "*.example.com" });
  expect(filtered.map((vhost) => vhost.fqdn).sort()).toEqual(["site0.example.com", "site1.example.com", "site2.example.com"]);
  expect(server.requests.filter((request) => request.path.endsWith("/vhosts")).map((request) => request.query.fqdn)).toEqual([undefined, "*.example.com"]);
  const none = await getVhosts({ instanceId: instance.id, status: "being_deleted" });
  expect(none).toEqual([]);
  await expect(getVhosts({ instanceId: "../x" })).rejects.toThrow(/getVhosts: `instanceId`/);
});

test("getApplication reads one application's details; an unknown name fails naming `name`", async () => {
  server.resetRequests();
  const ghost = await getApplication({ name: "ghost" });
  expect(ghost).toEqual({
    name: "ghost",
    label: "Ghost",
    requirements: [expect.objectContaining({ language: "nodejs", database: "mysql", minimumSize: "starter", singleApplication: expect.any(Boolean) })],
  });
  expect(server.requests.map((request) => request.path)).toEqual([expect.stringMatching(/\/applications\/ghost$/)]);
  await expect(getApplication({ name: "no-such-app" })).rejects.toThrow(/getApplication: `name` "no-such-app" is not a Gandi application/);
});
