import { FirewallRule, NetworkInterface, NetworkInterfaceArgs, VirtualMachine } from "../../resources/gigas";
import { programResource } from "../harness/engine";
import { upKilledDuringCreate } from "../support/crash";
import { failAnswerAfterApplying } from "../support/lostAnswer";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { minimalVmArgs, startGigas } from "../support/gigasFixture";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGigas());
const SPAIN = "226661012";
const MIAMI = "226661013";
let vmA: string;
let vmB: string;
let backend: string;
let storage: string;
let elsewhere: string;

beforeAll(async () => {
  const server = (name: string) => programResource(() => new VirtualMachine(name, minimalVmArgs(name, "Root-Password-1")));
  vmA = (await fixture.engine.up(await server("nic-a"))).entry.id;
  vmB = (await fixture.engine.up(await server("nic-b"))).entry.id;
  backend = fixture.gigas.addNetwork({ label: "backend", location_id: SPAIN }).id;
  storage = fixture.gigas.addNetwork({ label: "storage", location_id: SPAIN }).id;
  elsewhere = fixture.gigas.addNetwork({ label: "miami only", location_id: MIAMI }).id;
});

const nic = (name: string, args: NetworkInterfaceArgs) => programResource(() => new NetworkInterface(name, args));
const live = (id: string) => fixture.gigas.interfaces().find((i) => i.id === id);

test("full lifecycle: queued attach, no drift, label, network and policy in place, drift, out-of-band delete, destroy detaches", async () => {
  const { engine, gigas, host } = fixture;
  const v1 = await nic("backend", { virtualMachineId: vmA, networkId: backend, label: "backend" });
  const created = await engine.up(v1);
  const id = created.entry.id;
  expect(live(id)).toMatchObject({ virtual_machine_id: vmA, network_id: backend, label: "backend", primary: false, status: "active", default_firewall_policy: "ACCEPT" });
  expect(created.entry.outputs).toMatchObject({ networkInterfaceId: id, virtualMachineId: vmA, networkId: backend, label: "backend", primary: false, defaultFirewallPolicy: "ACCEPT", status: "active" });
  expect(gigas.transactions().find((t) => t.kind === "interface.create" && t.target === id)?.status).toBe("Completed");
  expect(gigas.virtualMachine(vmA)?.locked).toBe(false);

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // label, network and default policy in place
  const v2 = await nic("backend", { virtualMachineId: vmA, networkId: storage, label: "storage", defaultFirewallPolicy: "drop" });
  expect(await engine.preview(v2)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
  const updated = await engine.up(v2);
  expect(updated.operation).toBe("update");
  expect(updated.entry.id).toBe(id);
  expect(live(id)).toMatchObject({ network_id: storage, label: "storage", default_firewall_policy: "DROP" });
  expect(updated.entry.outputs).toMatchObject({ networkId: storage, label: "storage", defaultFirewallPolicy: "DROP" });
  expect(gigas.transactions().some((t) => t.kind === "interface.edit" && t.target === id && t.status === "Completed")).toBe(true);
  expect(gigas.transactions().some((t) => t.kind === "firewall.apply" && t.target === id && t.status === "Completed")).toBe(true);

  // out-of-band change: refresh reports exactly it, up converges
  gigas.changeInterface(id, { label: "renamed in the panel", default_firewall_policy: "ACCEPT" });
  expect((await engine.refresh(v2.urn))!.outputs).toMatchObject({ label: "renamed in the panel", defaultFirewallPolicy: "ACCEPT", networkId: storage });
  expect(await engine.preview(v2)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
  await engine.up(v2);
  expect(live(id)).toMatchObject({ label: "storage", default_firewall_policy: "DROP" });

  // another VM replaces it
  const v3 = await nic("backend", { virtualMachineId: vmB, networkId: storage, label: "storage", defaultFirewallPolicy: "DROP" });
  expect((await engine.preview(v3)).replaces).toEqual(["virtualMachineId"]);
  const replaced = await engine.up(v3);
  expect(replaced.operation).toBe("replace");
  expect(live(id)).toBeUndefined();
  const id2 = replaced.entry.id;
  expect(live(id2)).toMatchObject({ virtual_machine_id: vmB, network_id: storage });

  // deleted out of band: refresh reports it gone, up attaches again
  gigas.removeInterface(id2);
  expect(await engine.refresh(v3.urn)).toBeUndefined();
  expect((await engine.up(v3)).operation).toBe("create");

  const last = engine.entry(v3.urn);
  await engine.destroy(v3.urn);
  expect(live(last.id)).toBeUndefined();
  expect(gigas.transactions().some((t) => t.kind === "interface.delete" && t.target === last.id && t.status === "Completed")).toBe(true);
  expect((await host.read(last.id, v3.urn, last.outputs, last.inputs)).id).toBe("");
  await host.delete(last.id, v3.urn, last.outputs);
});

test("a firewall rule on an added interface, and detaching the interface removes its rules (the interfaces page)", async () => {
  const { engine, gigas } = fixture;
  const iface = await nic("guarded", { virtualMachineId: vmA, networkId: backend, label: "guarded", defaultFirewallPolicy: "DROP" });
  const interfaceId = (await engine.up(iface)).entry.id;
  const rule = programResource(() => new FirewallRule("guarded-ssh", { networkInterfaceId: interfaceId, command: "ACCEPT", protocol: "TCP", port: 22, order: 1 }));
  const ruleId = (await engine.up(await rule)).entry.id;
  expect(gigas.firewallRules().find((r) => r.id === ruleId)).toMatchObject({ network_interface_id: interfaceId, status: "active" });
  await engine.destroy(iface.urn);
  expect(gigas.firewallRules().find((r) => r.id === ruleId)).toBeUndefined();
});

test("Gigas refusals name the input: a network in another location is refused, naming networkId, and nothing is attached", async () => {
  const { engine } = fixture;
  const before = fixture.gigas.interfaces().length;
  const failure = await engine.up(await nic("far", { virtualMachineId: vmA, networkId: elsewhere, label: "far" })).catch((error) => error);
  expect(failure.message).toMatch(/POST \/account\/22666\/network_interface answered 400.* — networkId: network \d+ is not in the virtual machine's location/);
  expect(fixture.gigas.interfaces()).toHaveLength(before);
});

test("a VM busy with another operation is waited for before an interface is attached", async () => {
  const { engine, gigas, server } = fixture;
  gigas.lockVirtualMachine(vmA, 60_000);
  server.resetRequests();
  const resource = await nic("busy", { virtualMachineId: vmA, networkId: backend, label: "busy" });
  const created = await engine.up(resource);
  expect(live(created.entry.id)?.status).toBe("active");
  expect(server.requests.filter((r) => r.status === 409)).toHaveLength(0);
  await engine.destroy(resource.urn);
});

test("bad input is caught at check, naming the property, with zero API calls", async () => {
  const valid: NetworkInterfaceArgs = { virtualMachineId: vmA, networkId: backend, label: "ok" };
  await expectRefusedByCheck(
    fixture,
    [
      [{ ...valid, virtualMachineId: "web" }, "virtualMachineId"],
      [{ ...valid, networkId: "" }, "networkId"],
      [{ ...valid, label: "  " }, "label"],
      [{ ...valid, label: "x".repeat(256) }, "label"],
      [{ ...valid, defaultFirewallPolicy: "REJECT" }, "defaultFirewallPolicy"],
      [{ ...valid, networkId: 12.5 }, "networkId"],
      [{ ...valid, extra: true } as NetworkInterfaceArgs, ""],
    ],
    (args) => nic("bad", args),
  );
});

test("a `pulumi up` killed while the interface is attached, then run again: one interface, in state with its id", async () => {
  const { gigas } = fixture;
  const resource = await nic("crashy", { virtualMachineId: vmB, networkId: backend, label: "crashy" });
  const { entry } = await upKilledDuringCreate(fixture, resource, (r) => r.method === "POST" && r.path.endsWith("/network_interface"));
  const mine = gigas.interfaces().filter((i) => i.label === "crashy");
  expect(mine.map((i) => i.id)).toEqual([entry.id]);
  expect(entry.outputs).toMatchObject({ networkInterfaceId: entry.id, virtualMachineId: vmB, networkId: backend, status: "active" });
  await fixture.engine.destroy(resource.urn);
  expect(gigas.interfaces().filter((i) => i.label === "crashy")).toEqual([]);
});

test("a create answered 500 after the vendor applied it: the interface is found, not attached again", async () => {
  const { engine, gigas, server } = fixture;
  const resource = await nic("lostcreate", { virtualMachineId: vmA, networkId: storage, label: "lost" });
  const lost = failAnswerAfterApplying(server, (r) => r.method === "POST" && r.path.endsWith("/network_interface"));
  const { entry } = await engine.up(resource);
  expect(lost()).toBe(true);
  expect(gigas.interfaces().filter((i) => i.label === "lost").map((i) => i.id)).toEqual([entry.id]);
  await engine.destroy(resource.urn);
});
