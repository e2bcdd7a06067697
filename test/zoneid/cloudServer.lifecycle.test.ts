import { DEFAULT_ZONEID_API_KEY } from "../../emulator/zoneid";
import { CloudServer, CloudServerArgs } from "../../resources/zoneid";
import { CheckFailedError, programResource } from "../harness/engine";
import { ProviderCallError } from "../harness/providerHost";
import { startZoneid } from "../support/zoneidFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";

const GB = 1024 ** 3;
const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGk2YcFq1pYf0 me@laptop";
const KEY2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJk9ZcFq2pYf1 ci@runner";
const PASSWORD = "vm-Password-first";
const PASSWORD2 = "vm-Password-second";

// Orders take 2 minutes and operations 30 s on the emulator clock; at 120x that is 1 s and 0.25 s.
const fixture = fixtureForFile(() => startZoneid({ timeScale: 120 }));

const base: CloudServerArgs = { datacenter: "tll01", package: "vps-s", os: "ubuntu-24.04", sshPublicKey: KEY, vcpu: 1, ramGb: 2, diskGb: 40 };
const server = (args: Partial<CloudServerArgs>, name = "vps") => programResource(() => new CloudServer(name, { ...base, ...args } as CloudServerArgs));
/** Actions the API accepted (a resize holds the VM "process locked" for a while: refused attempts answer 400 and are retried). */
const actions = (status = 200) => fixture.server.requests.filter((r) => r.method === "POST" && r.path.includes("/action/") && r.status === status).map((r) => r.path.split("/").pop());

test("full lifecycle: order and build, no drift, resize, power, reboot, access, drift, replace, out-of-band delete, destroy while locked", async () => {
  const { engine, zoneid } = fixture;
  const logs: string[] = [];
  const newCommand = async () => {
    logs.push(fixture.host.stderr);
    await fixture.newCommand();
  };

  const v1 = await server({ password: PASSWORD });
  const created = await engine.up(v1);
  expect(created.operation).toBe("create");
  const hostName = created.entry.outputs.hostName as string;
  expect(hostName).toMatch(/^uvn-\d\d-\d+\.tll01\.zonevs\.eu$/);
  expect(created.entry.outputs).toMatchObject({ orderId: created.entry.id, state: "running", powerState: "running", username: "ubuntu", vcpu: 1, ramGb: 2, diskGb: 40, password: PASSWORD });
  // The order's key carries the creation tag as the last word of its comment (how an interrupted create's order is recognised).
  expect(zoneid.cloud.stored(hostName)).toMatchObject({ state: "running", password: PASSWORD, sshKey: expect.stringMatching(new RegExp(`^${KEY} peh-[0-9a-f]{16}$`)) });

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // resize and new credentials in place
  const v2 = await server({ password: PASSWORD2, sshPublicKey: KEY2, vcpu: 2, ramGb: 4, diskGb: 60 });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  const resized = await engine.up(v2);
  expect(resized.operation).toBe("update");
  expect(resized.entry.id).toBe(created.entry.id);
  expect(zoneid.cloud.stored(hostName)).toMatchObject({ cpu: 2, ram: 4 * GB, disk: 60 * GB, password: PASSWORD2, sshKey: KEY2 });

  // power off, on, and a reboot by trigger
  fixture.server.resetRequests();
  // A long operation started elsewhere holds the VM "process locked" until the shutdown has been refused once:
  // the refusal is retried, whatever the machine's speed.
  zoneid.cloud.lock(hostName, 365 * 24 * 3_600_000);
  const stopping = engine.up(await server({ password: PASSWORD2, sshPublicKey: KEY2, vcpu: 2, ramGb: 4, diskGb: 60, powerState: "stopped" }));
  let stopped = false;
  stopping.then(() => (stopped = true), () => (stopped = true));
  while (!stopped && actions(500).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  zoneid.cloud.lock(hostName, 0);
  await stopping;
  expect(zoneid.cloud.stored(hostName)?.state).toBe("stopped");
  const v3 = await server({ password: PASSWORD2, sshPublicKey: KEY2, vcpu: 2, ramGb: 4, diskGb: 60, rebootTrigger: "1" });
  await engine.up(v3);
  expect(zoneid.cloud.stored(hostName)?.state).toBe("running");
  const v4 = await server({ password: PASSWORD2, sshPublicKey: KEY2, vcpu: 2, ramGb: 4, diskGb: 60, rebootTrigger: "2" });
  await engine.up(v4);
  expect(actions()).toEqual(["shutdown", "start", "reboot"]);
  // the shutdown that met the lock was retried
  expect(actions(500).length).toBeGreaterThan(0);

  // out-of-band change: refresh reports it, up converges
  zoneid.cloud.change(hostName, { cpu: 1, state: "stopped", target: "stopped" });
  await newCommand();
  const refreshed = await engine.refresh(v4.urn);
  expect(refreshed?.outputs).toMatchObject({ vcpu: 1, powerState: "stopped", state: "stopped" });
  expect(await engine.preview(v4)).toMatchObject({ changes: "some", replaces: [] });
  await engine.up(v4);
  expect(zoneid.cloud.stored(hostName)).toMatchObject({ cpu: 2, state: "running" });
  await engine.refresh(v4.urn);
  expect((await engine.preview(v4)).changes).toBe("none");

  // another operating system is another server
  const v5 = await server({ os: "debian-12", sshPublicKey: KEY2, vcpu: 2, ramGb: 4, diskGb: 80 });
  expect(await engine.preview(v5)).toMatchObject({ changes: "some", replaces: ["os"] });
  const replaced = await engine.up(v5);
  expect(replaced.operation).toBe("replace");
  expect(replaced.entry.id).not.toBe(created.entry.id);
  expect(zoneid.cloud.stored(hostName)).toBeUndefined();
  const second = replaced.entry.outputs.hostName as string;
  expect(zoneid.cloud.stored(second)).toMatchObject({ os: "debian-12", username: "debian", cpu: 2, disk: 80 * GB });

  // out-of-band delete: gone at refresh, ordered again at up
  zoneid.cloud.remove(second);
  await newCommand();
  expect(await engine.refresh(v5.urn)).toBeUndefined();
  const reordered = await engine.up(v5);
  expect(reordered.operation).toBe("create");

  // destroy while an operation holds the VM "process locked": retried until accepted
  const last = engine.entry(v5.urn);
  const third = last.outputs.hostName as string;
  zoneid.cloud.lock(third, 90_000);
  await engine.destroy(v5.urn);
  expect(zoneid.cloud.stored(third)).toBeUndefined();
  // Changed with issue 15: the delete's busy retries go through provider/busy.ts, whose log line says what was refused and why
  // (it was the wait's "cloud server … to accept deletion: process locked"). One layer retries: each refusal is one DELETE.
  expect(fixture.host.stderr).toMatch(/DELETE \/cloud\/uvn-\S+: ZoneID says the object is busy \(400: Process locked\); trying again/);
  const deletes = fixture.server.requests.filter((r) => r.method === "DELETE" && r.path.endsWith(`/cloud/${third}`));
  const refusals = (fixture.host.stderr.match(new RegExp(`DELETE /cloud/${third.replace(/\./g, "\\.")}: ZoneID says the object is busy`, "g")) ?? []).length;
  expect(deletes.length).toBe(refusals + 1);
  await expectReadGoneAndDeleteSucceeds(fixture.host, last, v5.urn);

  const allLogs = [...logs, fixture.host.stderr].join("\n");
  for (const secret of [PASSWORD, PASSWORD2, DEFAULT_ZONEID_API_KEY]) expect(allLogs).not.toContain(secret);
  // "Process locked" is retried in one layer (issue 15): every refused write to a VM is one logged busy retry, not a retry of retries.
  const refusedWrites = fixture.server.requests.filter((r) => r.method !== "GET" && r.path.includes("/cloud/") && r.status === 400);
  expect(refusedWrites.length).toBeGreaterThan(0);
  expect((allLogs.match(/ZoneID: \S+ \S*\/cloud\/\S+: ZoneID says the object is busy \(400: Process locked\)/g) ?? []).length).toBe(refusedWrites.length);
  expect(JSON.stringify(v5.inputs.__provider)).not.toContain(DEFAULT_ZONEID_API_KEY);
});

test("a build past its deadline keeps the order as an initialisation error; the next up finishes it without ordering again", async () => {
  const { engine, zoneid } = fixture;
  const ordersBefore = zoneid.cloud.listOrders().length;
  const slow = await server({ timeouts: { create: "1m" } }, "slow");
  const failure = await engine.up(slow).catch((error) => error);
  expect(failure).toBeInstanceOf(ProviderCallError);
  expect(String(failure)).toMatch(/cloud server order \d+ was placed, but: .*to be built/);
  const kept = engine.entry(slow.urn);
  expect(kept.initErrors).toHaveLength(1);
  expect(kept.outputs).toMatchObject({ orderId: kept.id, hostName: null });

  const finished = await engine.up(await server({}, "slow"));
  expect(finished.operation).toBe("update");
  expect(finished.entry.outputs).toMatchObject({ state: "running", hostName: expect.stringMatching(/zonevs\.eu$/) });
  expect(zoneid.cloud.listOrders()).toHaveLength(ordersBefore + 1);
  await engine.destroy(slow.urn);
});

test("a failed order is reported with its status", async () => {
  const { engine, zoneid } = fixture;
  zoneid.cloud.failNextOrder();
  const failed = await engine.up(await server({}, "failing")).catch((error) => error);
  expect(String(failed)).toMatch(/cloud server order \d+ was placed, but: cloud server order \d+ ended "failed"/);
});

test("bad input is caught at check with zero API calls; a disk cannot shrink", async () => {
  const cases: [Partial<CloudServerArgs> & Record<string, unknown>, string][] = [
    [{ vcpu: 0 }, "vcpu"],
    [{ ramGb: 1.5 }, "ramGb"],
    [{ diskGb: 5 }, "diskGb"],
    [{ sshPublicKey: "not a key" }, "sshPublicKey"],
    [{ password: "short" }, "password"],
    [{ powerState: "paused" as never }, "powerState"],
    [{ datacenter: "Tallinn 1" }, "datacenter"],
    [{ billingPeriod: 0 }, "billingPeriod"],
    [{ timeouts: { create: "soon" } }, "timeouts.create"],
    [{ label: "x" }, "label"],
  ];
  await expectRefusedByCheck(fixture, cases, (args) => server(args, "bad"));

  // grow-only disk: checked against the old inputs, before any call
  const { engine } = fixture;
  const grown = await server({ diskGb: 50 }, "disk");
  await engine.up(grown);
  fixture.server.resetRequests();
  const shrink = await engine.up(await server({ diskGb: 45 }, "disk")).catch((error) => error);
  expect(shrink).toBeInstanceOf(CheckFailedError);
  expect((shrink as CheckFailedError).failures).toEqual([expect.objectContaining({ property: "diskGb", reason: expect.stringMatching(/can only grow/) })]);
  expect(fixture.server.requests).toHaveLength(0);
  await engine.destroy(grown.urn);
});

test("a 422 from the API names the input property in the `pulumi up` error (resize `disk` → diskGb)", async () => {
  const { engine, zoneid } = fixture;
  const v1 = await server({}, "named");
  const created = await engine.up(v1);
  const hostName = created.entry.outputs.hostName as string;
  // grown in the web UI; the program, not refreshed, still says 40 GB and asks for 2 vCPUs
  zoneid.cloud.change(hostName, { disk: 80 * GB });
  await fixture.newCommand();
  const failure = await engine.up(await server({ vcpu: 2 }, "named")).catch((error) => error);
  expect(failure).toBeInstanceOf(ProviderCallError);
  expect(String(failure)).toMatch(/answered 422: Validation failed — diskGb: Disk can not be shrunk/);
  expect(String(failure)).not.toMatch(/\bdisk: /);
  await engine.destroy(v1.urn);
});
