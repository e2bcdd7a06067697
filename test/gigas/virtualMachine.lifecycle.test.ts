import { DEFAULT_GIGAS_API_KEY, DEFAULT_GIGAS_PASSWORD, DEFAULT_GIGAS_USERNAME } from "../../emulator/gigas";
import { VirtualMachine, VirtualMachineArgs } from "../../resources/gigas";
import { programResource } from "../harness/engine";
import { ProviderCallError, secretValue } from "../harness/providerHost";
import { upKilledDuringCreate } from "../support/crash";
import { failAnswerAfterApplying } from "../support/lostAnswer";
import { startGigas } from "../support/gigasFixture";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGigas());

const DEBIAN = "2266610116";
const UBUNTU = "2266610120"; // min_disk_size 10, min_memory_size 1024
const WINDOWS = "2266610130"; // allowed_swap 0
const SPAIN = "226661012";
const ROOT_PASSWORD = "Root-Password-For-Tests-1";

const baseArgs = (hostname: string): VirtualMachineArgs => ({
  label: `vm ${hostname}`,
  hostname,
  templateId: DEBIAN,
  locationId: SPAIN,
  memory: 1024,
  cpus: 1,
  primaryDiskSize: 10,
  swapDiskSize: 1,
  // The engine sends secrets unwrapped to dynamic providers (they do not accept secrets); it marks the output secret.
  initialRootPassword: ROOT_PASSWORD,
});
const vm = (name: string, args: VirtualMachineArgs) => programResource(() => new VirtualMachine(name, args));

test("defaultFirewallPolicy changes in place: the primary interface's policy is set and its rules applied, the VM is kept", async () => {
  const { engine, gigas } = fixture;
  const v1 = await vm("policy", { ...baseArgs("policy1"), swapDiskSize: 0 });
  const { entry } = await engine.up(v1);
  const interfaceId = entry.outputs.primaryNetworkInterfaceId as string;
  expect(gigas.interfaces().find((i) => i.id === interfaceId)?.default_firewall_policy).toBe("ACCEPT");
  const v2 = await vm("policy", { ...baseArgs("policy1"), swapDiskSize: 0, defaultFirewallPolicy: "drop" });
  expect(await engine.preview(v2)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
  const updated = await engine.up(v2);
  expect(updated.operation).toBe("update");
  expect(updated.entry.id).toBe(entry.id);
  expect(updated.entry.outputs.defaultFirewallPolicy).toBe("DROP");
  expect(gigas.virtualMachine(entry.id)).toMatchObject({ locked: false, status: "online" });
  expect(gigas.interfaces().find((i) => i.id === interfaceId)?.default_firewall_policy).toBe("DROP");
  expect(gigas.transactions().some((t) => t.kind === "firewall.apply" && t.target === interfaceId && t.status === "Completed")).toBe(true);
  // changed in the panel: refresh shows it, up sets it back
  gigas.changeInterface(interfaceId, { default_firewall_policy: "ACCEPT" });
  expect((await engine.refresh(v2.urn))!.outputs.defaultFirewallPolicy).toBe("ACCEPT");
  await engine.up(v2);
  expect(gigas.interfaces().find((i) => i.id === interfaceId)?.default_firewall_policy).toBe("DROP");
  await engine.destroy(v2.urn);
});

test("full lifecycle: queued build, no drift, in-place resize, replace, drift, out-of-band delete, destroy", async () => {
  const { engine, gigas, host } = fixture;
  const v1 = await vm("web", baseArgs("web1"));
  const created = await engine.up(v1);
  const id = created.entry.id;
  const live = gigas.virtualMachine(id)!;
  expect(live).toMatchObject({ status: "online", locked: false, hostname: "web1" });
  expect(created.entry.outputs).toMatchObject({
    virtualMachineId: id,
    status: "online",
    locked: false,
    buildFailed: false,
    operatingSystem: "linux",
    primaryDiskSize: 10,
    swapDiskSize: 1,
    defaultFirewallPolicy: "ACCEPT",
    cpuType: "intel",
    note: "",
  });
  expect((created.entry.outputs.ipAddresses as string[])[0]).toMatch(/^203\.0\.113\.\d+$/);
  expect(created.entry.outputs.primaryNetworkInterfaceId).toMatch(/^\d+$/);
  // the build went through the transaction queue and was followed to Completed
  const build = gigas.transactions().find((t) => t.kind === "vm.build" && t.target === id)!;
  expect(build.status).toBe("Completed");
  expect(fixture.server.requests.some((r) => r.path.endsWith(`/transaction/${build.token}/status`))).toBe(true);

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // label, note, memory, CPUs and disk sizes change in place
  const v2 = await vm("web", { ...baseArgs("web1"), label: "web one", note: "front end", memory: 2048, cpus: 2, primaryDiskSize: 20, swapDiskSize: 2, forceReboot: true });
  expect(await engine.preview(v2)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
  const updated = await engine.up(v2);
  expect(updated.operation).toBe("update");
  expect(updated.entry.id).toBe(id);
  // The vendor's note keeps the creation tag on its own last line; the output shows the user's text.
  expect(gigas.virtualMachine(id)).toMatchObject({ label: "web one", note: expect.stringMatching(/^front end\npeh-[0-9a-f]{16}$/), memory: 2048, cpus: 2, locked: false });
  expect(gigas.disks().filter((d) => d.virtual_machine_id === id).map((d) => d.disk_size).sort()).toEqual([2, 20]);
  expect(updated.entry.outputs).toMatchObject({ note: "front end", memory: 2048, cpus: 2, primaryDiskSize: 20, swapDiskSize: 2 });

  // a new hostname replaces the VM (create first, then delete the old one)
  const v3 = await vm("web", { ...baseArgs("web2"), label: "web one", note: "front end", memory: 2048, cpus: 2, primaryDiskSize: 20, swapDiskSize: 2, forceReboot: true });
  expect((await engine.preview(v3)).replaces).toEqual(["hostname"]);
  const replaced = await engine.up(v3);
  expect(replaced.operation).toBe("replace");
  const id2 = replaced.entry.id;
  expect(id2).not.toBe(id);
  expect(gigas.virtualMachine(id)).toBeUndefined();

  // out-of-band change: refresh reports exactly that drift, up converges
  gigas.changeVirtualMachine(id2, { memory: 4096, label: "renamed in the panel" });
  const refreshed = await engine.refresh(v3.urn);
  expect(refreshed!.outputs).toMatchObject({ memory: 4096, label: "renamed in the panel", cpus: 2 });
  expect(await engine.preview(v3)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
  await engine.up(v3);
  expect(gigas.virtualMachine(id2)).toMatchObject({ memory: 2048, label: "web one" });
  await engine.refresh(v3.urn);
  expect((await engine.preview(v3)).changes).toBe("none");

  // deleted out of band: refresh reports it gone, up builds it again
  gigas.removeVirtualMachine(id2);
  expect(await engine.refresh(v3.urn)).toBeUndefined();
  const rebuilt = await engine.up(v3);
  expect(rebuilt.operation).toBe("create");

  const last = engine.entry(v3.urn);
  await engine.destroy(v3.urn);
  expect(gigas.virtualMachine(last.id)).toBeUndefined();
  expect(gigas.transactions().some((t) => t.kind === "vm.delete" && t.target === last.id && t.status === "Completed")).toBe(true);
  expect((await host.read(last.id, v3.urn, last.outputs, last.inputs)).id).toBe("");
  await host.delete(last.id, v3.urn, last.outputs);

  // secrets: the root password is in no log line, the API key in no serialized provider
  expect(host.stderr).not.toContain(ROOT_PASSWORD);
  expect(JSON.stringify(v3.inputs.__provider)).not.toContain(DEFAULT_GIGAS_API_KEY);
  expect(host.stderr).not.toContain(DEFAULT_GIGAS_API_KEY);
});

test("a failed build keeps the VM in state as an initialisation error, and the next up builds it again", async () => {
  const { engine, gigas } = fixture;
  gigas.failNextTransaction({ kind: "vm.build", status: "Error" });
  const resource = await vm("flaky", baseArgs("flaky"));
  const failure = await engine.up(resource).catch((error) => error);
  expect(failure).toBeInstanceOf(ProviderCallError);
  expect(failure.message).toMatch(/ended with status "Error" \(transaction [0-9a-f-]+\)/);
  const kept = engine.entry(resource.urn);
  expect(kept.initErrors?.[0]).toContain("the next `pulumi up` builds it again");
  expect(kept.outputs).toMatchObject({ status: "unbuilt", buildFailed: true, hostname: "flaky" });
  expect(kept.outputs.initialRootPassword).toBeUndefined();
  expect(gigas.virtualMachine(kept.id)).toMatchObject({ status: "unbuilt", locked: false });

  const repaired = await engine.up(resource);
  expect(repaired.operation).toBe("update");
  expect(repaired.entry.id).toBe(kept.id);
  expect(repaired.entry.initErrors).toBeUndefined();
  expect(repaired.entry.outputs).toMatchObject({ status: "online", buildFailed: false });
  expect(gigas.virtualMachines().filter((v) => v.hostname === "flaky")).toHaveLength(1);
  await engine.destroy(resource.urn);
});

test("a build slower than the create timeout keeps the VM, and the next up waits for it instead of building another", async () => {
  const { engine, gigas } = fixture;
  const resource = await vm("slow", { ...baseArgs("slow"), timeouts: { create: "30s" } });
  await expect(engine.up(resource)).rejects.toThrow(/Timed out after \d+s waiting for build of virtual machine slow .*last state: pending/);
  const kept = engine.entry(resource.urn);
  expect(kept.initErrors).toHaveLength(1);
  const finished = await engine.up(resource);
  expect(finished.entry.id).toBe(kept.id);
  expect(finished.entry.outputs).toMatchObject({ status: "online" });
  expect(gigas.virtualMachines().filter((v) => v.hostname === "slow")).toHaveLength(1);
  await engine.destroy(resource.urn);
});

test("a VM locked by another operation is waited for, not failed", async () => {
  const { engine, gigas, server } = fixture;
  const resource = await vm("busy", baseArgs("busy"));
  const { entry } = await engine.up(resource);
  const otherOperation = gigas.lockVirtualMachine(entry.id, 120_000);
  server.resetRequests();
  const resized = await engine.up(await vm("busy", { ...baseArgs("busy"), memory: 3072 }));
  expect(resized.operation).toBe("update");
  expect(gigas.virtualMachine(entry.id)).toMatchObject({ memory: 3072, locked: false });
  // nothing was started while the other operation held the VM
  expect(server.requests.filter((r) => r.status === 409)).toHaveLength(0);
  const transactions = gigas.transactions();
  const other = transactions.find((t) => t.token === otherOperation)!;
  const edit = transactions.find((t) => t.kind === "vm.edit" && t.target === entry.id)!;
  expect(other.status).toBe("Completed");
  expect(edit.due_at - 30_000).toBeGreaterThanOrEqual(other.due_at);

  // delete waits too
  gigas.lockVirtualMachine(entry.id, 60_000);
  await engine.destroy(resource.urn);
  expect(gigas.virtualMachine(entry.id)).toBeUndefined();
});

test("template minimums are checked before anything is created", async () => {
  const { engine, server } = fixture;
  server.resetRequests();
  const small = await vm("small", { ...baseArgs("small"), templateId: UBUNTU, memory: 512, primaryDiskSize: 5 });
  await expect(engine.up(small)).rejects.toThrow(
    /primaryDiskSize 5 GB is below the template's minimum of 10 GB; memory 512 MB is below the template's minimum of 1024 MB/,
  );
  const swap = await vm("noswap", { ...baseArgs("noswap"), templateId: WINDOWS, memory: 4096, primaryDiskSize: 50 });
  await expect(engine.up(swap)).rejects.toThrow(/swapDiskSize must be 0: the template does not allow a swap disk/);
  const missing = await vm("missing", { ...baseArgs("missing"), templateId: "999" });
  await expect(engine.up(missing)).rejects.toThrow(/template 999 does not exist in Gigas account 22666; list the available ones with getTemplates\(\)/);
  expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(0);
});

test("bad input is caught at check, naming the property, with zero API calls", async () => {
  const { engine, server } = fixture;
  server.resetRequests();
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ hostname: "1web" }, /hostname: must not start with a digit/],
    [{ hostname: "a-very-long-hostname-beyond-25" }, /hostname: must be at most 25 characters/],
    [{ hostname: "web_1" }, /hostname: may contain only letters, digits and hyphens/],
    [{ memory: 100 }, /memory: must be at least 256 MB/],
    [{ cpus: 1.5 }, /cpus: must be a whole number of CPUs/],
    [{ defaultFirewallPolicy: "REJECT" }, /defaultFirewallPolicy: must be ACCEPT or DROP/],
    [{ templateId: "debian" }, /templateId: must be a Gigas template id/],
    [{ primaryDiskSize: 0 }, /primaryDiskSize: must be at least 1 GB/],
    [{ cpuType: "amd" }, /cpuType: must be intel, the only CPU type Gigas documents/],
    [{ colour: "blue" }, /unknown property "colour"/],
  ];
  for (const [change, message] of cases) {
    await expect(engine.up(await vm("bad", { ...baseArgs("bad"), ...change } as VirtualMachineArgs))).rejects.toThrow(message);
  }
  expect(server.requests).toHaveLength(0);
});

test("disks only grow, checked against the old inputs before any call", async () => {
  const { engine, server } = fixture;
  const resource = await vm("grow", baseArgs("grow"));
  await engine.up(resource);
  server.resetRequests();
  await expect(engine.up(await vm("grow", { ...baseArgs("grow"), primaryDiskSize: 5 }))).rejects.toThrow(/primaryDiskSize: can only grow \(from 10 GB\)/);
  expect(server.requests).toHaveLength(0);
  await engine.destroy(resource.urn);
});

test("Gigas disks, force_reboot: growing a disk of the running VM is refused without forceReboot, naming it; with it, Gigas reboots the VM", async () => {
  const { engine, gigas } = fixture;
  const resource = await vm("reboot", baseArgs("reboot"));
  const id = (await engine.up(resource)).entry.id;
  const primary = () => gigas.disks().find((d) => d.virtual_machine_id === id && d.primary)!;
  const refused = await engine.up(await vm("reboot", { ...baseArgs("reboot"), primaryDiskSize: 15 })).catch((error) => error);
  expect(refused.message).toMatch(/ — forceReboot: must be true to resize a disk of running virtual machine \d+: the resize reboots it/);
  expect(primary().disk_size).toBe(10);
  const grown = await engine.up(await vm("reboot", { ...baseArgs("reboot"), primaryDiskSize: 15, forceReboot: true }));
  expect(grown.entry.outputs).toMatchObject({ primaryDiskSize: 15 });
  expect(gigas.transactions().find((t) => t.kind === "disk.edit" && t.target === primary().id)).toMatchObject({ status: "Completed", payload: { rebooted: [id] } });
  // forceReboot alone is no change
  expect((await engine.preview(await vm("reboot", { ...baseArgs("reboot"), primaryDiskSize: 15 }))).changes).toBe("none");
  await engine.destroy(resource.urn);
});

test("a console password the VM answer carries (quickstart: remote_access_password) is in no output, state or log", async () => {
  const { engine, gigas, host } = fixture;
  const resource = await vm("console", baseArgs("console"));
  const id = (await engine.up(resource)).entry.id;
  const consolePassword = "Console-Password-5f3a9c";
  gigas.changeVirtualMachine(id, { remote_access_password: consolePassword, local_remote_access_port: 5901 });
  expect(gigas.virtualMachine(id)).toMatchObject({ disk_prefix: "vd", booted_from: "hd", identifier: expect.any(String), user_id: expect.any(String) });
  const refreshed = await engine.refresh(resource.urn);
  expect(JSON.stringify(refreshed)).not.toContain(consolePassword);
  // a failure after the VM was read: the error and the log do not carry it either
  // Held far longer than the update's deadline, whatever the machine's speed; released below.
  const lockMs = 365 * 24 * 3_600_000;
  gigas.lockVirtualMachine(id, lockMs);
  const failure = await engine.up(await vm("console", { ...baseArgs("console"), label: "x", timeouts: { update: "1s" } })).catch((error) => error);
  expect(failure).toBeInstanceOf(Error);
  expect(String(failure?.message)).not.toContain(consolePassword);
  expect(JSON.stringify(engine.entry(resource.urn))).not.toContain(consolePassword);
  expect(host.stderr).not.toContain(consolePassword);
  gigas.clock.advance(lockMs);
  await engine.destroy(resource.urn);
});

describe("credentials", () => {
  test("username and password: one login, a session renewed transparently after it expires, no secret in logs", async () => {
    const login = await startGigas({}, (url) => ({
      "gigas:apiUrl": url,
      "gigas:username": DEFAULT_GIGAS_USERNAME,
      "gigas:password": secretValue(DEFAULT_GIGAS_PASSWORD),
    }));
    try {
      const resource = await vm("login", baseArgs("login"));
      await login.engine.up(resource);
      login.gigas.expireSessions();
      await login.engine.up(await vm("login", { ...baseArgs("login"), label: "renamed" }));
      expect(login.gigas.virtualMachines()[0].label).toBe("renamed");
      const posts = (path: string) => login.server.requests.filter((r) => r.method === "POST" && r.path.endsWith(path));
      expect(posts("/token")).toHaveLength(1);
      expect(posts("/token/refresh")).toHaveLength(1);
      expect(login.host.stderr).not.toContain(DEFAULT_GIGAS_PASSWORD);
      expect(JSON.stringify(login.engine.entry(resource.urn))).not.toContain(DEFAULT_GIGAS_PASSWORD);
    } finally {
      await login.stop();
    }
  });

  test("missing credentials fail with one error naming the config keys and the variables, before any call", async () => {
    const none = await startGigas({}, (url) => ({ "gigas:apiUrl": url }));
    try {
      const failure = await none.engine.up(await vm("none", baseArgs("none"))).catch((error) => error);
      expect(String(failure.message)).toContain("gigas:apiKey / GIGAS_API_KEY");
      expect(String(failure.message)).toContain("gigas:username / GIGAS_USERNAME");
      expect(none.server.requests).toHaveLength(0);
    } finally {
      await none.stop();
    }
  });

  test("several accounts and no gigas:accountId: the error lists them; with it, the VM lands in that account", async () => {
    const many = await startGigas({ accountIds: [22666, 40404] });
    try {
      await expect(many.engine.up(await vm("acct", baseArgs("acct")))).rejects.toThrow(/reach 2 accounts: 22666 .*; 40404 .*gigas:accountId \/ GIGAS_ACCOUNT_ID/);
    } finally {
      await many.stop();
    }
    const picked = await startGigas({ accountIds: [22666, 40404] }, (url) => ({
      "gigas:apiUrl": url,
      "gigas:apiKey": secretValue(DEFAULT_GIGAS_API_KEY),
      "gigas:accountId": "40404",
    }));
    try {
      const created = await picked.engine.up(await vm("acct", { ...baseArgs("acct"), templateId: "4040410116", locationId: "404041012" }));
      expect(picked.gigas.virtualMachine(created.entry.id)?.account_id).toBe(40404);
    } finally {
      await picked.stop();
    }
  });
});

test("memory below the template's minimum is refused on update before any change", async () => {
  const { engine, gigas, server } = fixture;
  const args = { ...baseArgs("ubuntu"), templateId: UBUNTU, memory: 2048 };
  const resource = await vm("ubuntu", args);
  const { entry } = await engine.up(resource);
  server.resetRequests();
  await expect(engine.up(await vm("ubuntu", { ...args, memory: 512, label: "smaller" }))).rejects.toThrow(/memory 512 MB is below the template's minimum of 1024 MB/);
  expect(server.requests.filter((r) => r.method === "PUT")).toHaveLength(0);
  expect(gigas.virtualMachine(entry.id)).toMatchObject({ memory: 2048, label: "vm ubuntu" });
  await engine.destroy(resource.urn);
});

test("a `pulumi up` killed while the VM is created, then run again: one VM, in state with its id", async () => {
  const { gigas } = fixture;
  const resource = await vm("crashy", baseArgs("crashy1"));
  const { entry } = await upKilledDuringCreate(fixture, resource, (r) => r.method === "POST" && r.path.endsWith("/virtual_machine"));
  const mine = gigas.virtualMachines().filter((v) => v.hostname === "crashy1");
  expect(mine.map((v) => v.id)).toEqual([entry.id]);
  expect(entry.outputs).toMatchObject({ status: "online", hostname: "crashy1", note: "" });
  await fixture.engine.destroy(resource.urn);
  expect(gigas.virtualMachines().filter((v) => v.hostname === "crashy1")).toEqual([]);
});

test("an in-place edit answered 500 after the vendor queued it waits for the VM and is sent again, not retried into the lock", async () => {
  const { engine, gigas, server } = fixture;
  const args = baseArgs("busyedit");
  const resource = await vm("busyedit", args);
  const { entry } = await engine.up(resource);
  const lost = failAnswerAfterApplying(server, (r) => r.method === "PUT" && r.path.endsWith(`/virtual_machine/${entry.id}`));
  const updated = await engine.up(await vm("busyedit", { ...args, memory: 2048, cpus: 2 }));
  expect(lost()).toBe(true);
  expect(updated.entry.outputs).toMatchObject({ memory: 2048, cpus: 2, locked: false });
  expect(gigas.virtualMachine(entry.id)).toMatchObject({ memory: 2048, cpus: 2 });
  await engine.destroy(resource.urn);
});
