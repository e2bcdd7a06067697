import { RequestRecord } from "../../emulator/core";
import { SimpleHostingInstance, SimpleHostingVhost } from "../../resources/gandi";
import { ProgramResource, programResource } from "../harness/engine";
import { upKilledDuringCreate } from "../support/crash";
import { startGandi } from "../support/gandiFixture";
import { fixtureForFile } from "../support/fileFixture";

// Provisioning takes two (emulated) hours here, so that whatever a loaded
// machine makes of the time between the killed command and the next one, the
// next create finds the half-made object still being created. The test moves
// the emulator's clock on once the new provider process is waiting for it.
const HOURS = 3_600_000;
const fixture = fixtureForFile(() => startGandi({ timings: { billMs: 10_000, provisionMs: 2 * HOURS, vhostCreateMs: 2 * HOURS } }));
beforeEach(() => fixture.server.resetRequests());

type InstanceArgs = ConstructorParameters<typeof SimpleHostingInstance>[1];
const instanceArgs = (name: string): InstanceArgs => ({ name, location: "FR", size: "starter", database: "mysql", language: "php", password: "crash-sftp-Passw0rd" });
const instanceId = /\/instances\/[0-9a-f-]{36}$/;

/** Resolves once a request matching `matches` has been answered with `status`. */
async function answered(matches: (request: RequestRecord) => boolean, status: number, done: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void done.finally(() => (settled = true)).catch(() => undefined);
  while (!settled) {
    if (fixture.server.requests.some((request) => matches(request) && request.status === status)) return true;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return false;
}

/**
 * Runs `run` (which ends in a new command's create) and finishes the vendor's
 * provisioning once that create has seen the object still being created:
 * `seen` matches the new process's first look at it (the earlier process never
 * got an answer for it, or its requests were cleared at the kill).
 */
async function finishingProvisioning<T>(seen: (request: RequestRecord) => boolean, run: () => Promise<T>): Promise<T> {
  const running = run();
  const advance = answered(seen, 200, running).then((found) => found && fixture.gandi.clock.advance(3 * HOURS));
  const [result] = await Promise.all([running, advance]);
  return result;
}

/**
 * `pulumi up` killed while the create waits (once `killAfter` was answered),
 * then the same `up` in a new process, whose provisioning is finished once it
 * has seen the object (`seen`).
 */
async function upKilledWhileWaiting(resource: ProgramResource, killAfter: (request: RequestRecord) => boolean, seen: (request: RequestRecord) => boolean) {
  const first = fixture.engine.up(resource);
  if (!(await answered(killAfter, 200, first))) throw new Error(`the create never sent the request to kill after (first up: ${String(await first)})`);
  fixture.host.killNow();
  await first.catch(() => undefined);
  expect(fixture.engine.state.has(resource.urn)).toBe(false);
  fixture.server.resetRequests();
  await fixture.newCommand();
  return finishingProvisioning(seen, () => fixture.engine.up(resource));
}

test("instance: a `pulumi up` killed as the order is applied, then run again: one instance, in state with its id", async () => {
  const { gandi } = fixture;
  const resource = await programResource(() => new SimpleHostingInstance("crash-order", instanceArgs("crash-order-1")));
  let posts = 0;
  const { entry } = await finishingProvisioning(
    (request) => request.method === "GET" && instanceId.test(request.path),
    // the first POST is the dry run (Dry-Run: 1), the second the order
    () => upKilledDuringCreate(fixture, resource, (request) => request.method === "POST" && request.path.endsWith("/instances") && ++posts === 2),
  );
  const mine = gandi.instances().filter((instance) => instance.name === "crash-order-1");
  expect(mine.map((instance) => instance.id)).toEqual([entry.id]);
  expect(entry.outputs).toMatchObject({ instanceId: entry.id, status: "active", name: "crash-order-1" });
  // one paid order: the dry run may have been sent twice, the order once
  expect(gandi.createAttempts.filter((attempt) => !attempt.dryRun && (attempt.body as { name?: string }).name === "crash-order-1")).toHaveLength(1);
  // the new process found the instance before anything else: no second dry run, no second order
  expect(fixture.server.requests.filter((request) => request.method === "POST").map((request) => request.status)).toEqual([200, 202]);

  await fixture.engine.destroy(resource.urn);
  expect(gandi.instances().filter((instance) => instance.name === "crash-order-1")).toEqual([]);
});

test("instance: a `pulumi up` killed while it waits for provisioning, then run again: the wait resumes, nothing is ordered twice", async () => {
  const { gandi } = fixture;
  const resource = await programResource(() => new SimpleHostingInstance("crash-wait", instanceArgs("crash-wait-1")));
  const statusLook = (request: RequestRecord) => request.method === "GET" && instanceId.test(request.path);
  const { entry } = await upKilledWhileWaiting(resource, statusLook, statusLook);
  const mine = gandi.instances().filter((instance) => instance.name === "crash-wait-1");
  expect(mine.map((instance) => instance.id)).toEqual([entry.id]);
  expect(entry.outputs).toMatchObject({ status: "active", name: "crash-wait-1" });
  expect(gandi.createAttempts.filter((attempt) => !attempt.dryRun && (attempt.body as { name?: string }).name === "crash-wait-1")).toHaveLength(1);

  await fixture.engine.destroy(resource.urn);
  expect(gandi.instances().filter((instance) => instance.name === "crash-wait-1")).toEqual([]);
});

test("instance: another instance of the name that is not being created is still refused, and two resources of one name in one program are refused", async () => {
  const { engine, gandi } = fixture;
  gandi.addInstance({ name: "crash-taken-1" });
  const taken = await programResource(() => new SimpleHostingInstance("crash-taken", instanceArgs("crash-taken-1")));
  await expect(engine.up(taken)).rejects.toThrow(/"crash-taken-1" already exists .*status active.*Set `adopt: true`/);

  const adopting = await programResource(() => new SimpleHostingInstance("crash-taken", { ...instanceArgs("crash-taken-1"), adopt: true }));
  await engine.up(adopting);
  const second = await programResource(() => new SimpleHostingInstance("crash-taken-twice", { ...instanceArgs("crash-taken-1"), adopt: true }));
  await expect(engine.up(second)).rejects.toThrow(/Gandi instance "crash-taken-1" is already managed by another resource of this program/);
  expect(gandi.instances().filter((instance) => instance.name === "crash-taken-1")).toHaveLength(1);
});

test("vhost: a `pulumi up` killed as the vhost is applied, then run again: one vhost, in state with its id", async () => {
  const { gandi } = fixture;
  const host = gandi.addInstance({ name: "crash-vhost-host" });
  const resource = await programResource(() => new SimpleHostingVhost("crash-vhost", { instanceId: host.id, fqdn: "crash.example.com" }));
  const { entry } = await finishingProvisioning(
    (request) => request.method === "GET" && request.path.endsWith("/vhosts/crash.example.com"),
    () => upKilledDuringCreate(fixture, resource, (request) => request.method === "POST" && request.path.endsWith("/vhosts")),
  );
  expect(gandi.vhosts(host.id).map((vhost) => vhost.fqdn)).toEqual(["crash.example.com"]);
  expect(entry.id).toBe(`${host.id}/crash.example.com`);
  expect(entry.outputs).toMatchObject({ status: "running", fqdn: "crash.example.com" });
  // the killed command's POST is the only one
  expect(fixture.server.requests.filter((request) => request.method === "POST" && request.path.endsWith(`${host.id}/vhosts`))).toHaveLength(1);

  await fixture.engine.destroy(resource.urn);
  expect(gandi.vhosts(host.id)).toEqual([]);
});
