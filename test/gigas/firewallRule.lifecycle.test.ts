import { FirewallRule, FirewallRuleArgs, VirtualMachine } from "../../resources/gigas";
import { programResource, runProgram } from "../harness/engine";
import { upKilledDuringCreate } from "../support/crash";
import { failAnswerAfterApplying } from "../support/lostAnswer";
import { minimalVmArgs, startGigas } from "../support/gigasFixture";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGigas());
let interfaceA: string;
let interfaceB: string;
let vmA: string;

beforeAll(async () => {
  const server = (name: string) => programResource(() => new VirtualMachine(name, minimalVmArgs(name, "Root-Password-1")));
  const a = await fixture.engine.up(await server("fw-a"));
  const b = await fixture.engine.up(await server("fw-b"));
  vmA = a.entry.id;
  interfaceA = a.entry.outputs.primaryNetworkInterfaceId as string;
  interfaceB = b.entry.outputs.primaryNetworkInterfaceId as string;
});

const rule = (name: string, args: FirewallRuleArgs) => programResource(() => new FirewallRule(name, args));
const applies = () => fixture.gigas.transactions().filter((t) => t.kind === "firewall.apply");

test("full lifecycle: created and applied, no drift, in-place edit, replace on another interface, drift, out-of-band delete, destroy", async () => {
  const { engine, gigas, host } = fixture;
  const ssh = { networkInterfaceId: interfaceA, command: "accept", protocol: "tcp", address: "198.51.100.0/24", port: 22, order: 1 };
  const v1 = await rule("ssh", ssh);
  const appliesBefore = applies().length;
  const created = await engine.up(v1);
  const id = created.entry.id;
  expect(created.entry.outputs).toMatchObject({
    ruleId: id,
    networkInterfaceId: interfaceA,
    command: "ACCEPT",
    protocol: "TCP",
    address: "198.51.100.0/24",
    port: "22",
    order: 1,
    status: "active",
  });
  expect(applies().length).toBe(appliesBefore + 1);
  expect(applies().every((t) => t.status === "Completed")).toBe(true);

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // in place: ports, address "any" (Edit fields, docs/vendor-documents.md, "Gigas: firewall rules";
  // the PUT carries no order, which the emulator would refuse)
  const v2 = await rule("ssh", { ...ssh, address: "0.0.0.0", port: "80, 443,8000-8100" });
  expect(await engine.preview(v2)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
  const updated = await engine.up(v2);
  expect(updated.operation).toBe("update");
  expect(gigas.firewallRules().find((r) => r.id === id)).toMatchObject({ address: "", port: "80,443,8000:8100", order: 1, status: "active" });
  expect(updated.entry.outputs).toMatchObject({ address: null, port: "80,443,8000:8100" });

  // order is not among the firewall page's Edit fields: a new position replaces the rule
  const moved = await rule("ssh", { ...ssh, address: "0.0.0.0", port: "80, 443,8000-8100", order: 2 });
  expect(await engine.preview(moved)).toEqual({ changes: "some", replaces: ["order"], deleteBeforeReplace: false });
  const reordered = await engine.up(moved);
  expect(reordered.operation).toBe("replace");
  expect(gigas.firewallRules().find((r) => r.id === reordered.entry.id)).toMatchObject({ order: 2, port: "80,443,8000:8100", status: "active" });
  expect(gigas.firewallRules().map((r) => r.id)).not.toContain(id);

  // another interface replaces the rule
  const v3 = await rule("ssh", { ...ssh, networkInterfaceId: interfaceB, address: undefined, port: "80,443,8000:8100", order: 2 });
  expect((await engine.preview(v3)).replaces).toEqual(["networkInterfaceId"]);
  const replaced = await engine.up(v3);
  expect(replaced.operation).toBe("replace");
  const id2 = replaced.entry.id;
  expect(gigas.firewallRules().map((r) => r.id)).not.toContain(reordered.entry.id);

  // out-of-band change: refresh shows exactly it, up converges
  gigas.changeRule(id2, { command: "DROP" });
  expect((await engine.refresh(v3.urn))!.outputs).toMatchObject({ command: "DROP", protocol: "TCP", order: 2 });
  expect(await engine.preview(v3)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
  await engine.up(v3);
  expect(gigas.firewallRules().find((r) => r.id === id2)).toMatchObject({ command: "ACCEPT", status: "active" });

  // out-of-band delete
  gigas.removeRule(id2);
  expect(await engine.refresh(v3.urn)).toBeUndefined();
  expect((await engine.up(v3)).operation).toBe("create");

  const last = engine.entry(v3.urn);
  const appliesBeforeDestroy = applies().length;
  await engine.destroy(v3.urn);
  expect(gigas.firewallRules().map((r) => r.id)).not.toContain(last.id);
  expect(applies().length).toBe(appliesBeforeDestroy + 1);
  expect((await host.read(last.id, v3.urn, last.outputs, last.inputs)).id).toBe("");
  await host.delete(last.id, v3.urn, last.outputs);
});

test("a failed apply keeps the rule in state, and the next up applies again", async () => {
  const { engine, gigas } = fixture;
  gigas.failNextTransaction({ kind: "firewall.apply", status: "error" });
  const resource = await rule("web", { networkInterfaceId: interfaceA, command: "ACCEPT", protocol: "TCP", port: 443, order: 5 });
  await expect(engine.up(resource)).rejects.toThrow(/ended with status "error" \(transaction [0-9a-f-]+\)/);
  const kept = engine.entry(resource.urn);
  expect(kept.initErrors).toHaveLength(1);
  expect(gigas.firewallRules().find((r) => r.id === kept.id)?.status).toBe("pending");
  const repaired = await engine.up(resource);
  expect(repaired.entry.id).toBe(kept.id);
  expect(gigas.firewallRules().find((r) => r.id === kept.id)?.status).toBe("active");
  await engine.destroy(resource.urn);
});

test("rules on one interface apply one after another, and wait for a VM busy with another operation", async () => {
  const { engine, gigas, server } = fixture;
  gigas.lockVirtualMachine(vmA, 60_000);
  server.resetRequests();
  const resources = await runProgram(() =>
    [10, 11, 12].map((order) => new FirewallRule(`many${order}`, { networkInterfaceId: interfaceA, command: "DROP", protocol: "UDP", port: 5000 + order, order })),
  );
  await Promise.all(resources.map((resource) => engine.up(resource)));
  expect(server.requests.filter((r) => r.status === 409)).toHaveLength(0);
  expect(gigas.firewallRules().filter((r) => r.order >= 10 && r.order <= 12).map((r) => r.status)).toEqual(["active", "active", "active"]);
  for (const resource of resources) await engine.destroy(resource.urn);
});

test("bad input is caught at check, naming the property, with zero API calls", async () => {
  const { engine, server } = fixture;
  server.resetRequests();
  const good = { networkInterfaceId: interfaceA, command: "ACCEPT", protocol: "TCP", port: 22, order: 1 };
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ command: "REJECT" }, /command: must be ACCEPT or DROP/],
    [{ protocol: "ICMP" }, /protocol: must be TCP or UDP/],
    [{ address: "300.1.1.1" }, /address: "300.1.1.1" is not an IPv4 address/],
    [{ address: "10.0.0.0/33" }, /address: "10.0.0.0\/33" is not a valid IP\/mask/],
    [{ address: "10.0.0.9-10.0.0.1" }, /address: the range "10.0.0.9-10.0.0.1" ends before it starts/],
    [{ port: 70000 }, /port: "70000" is not a port/],
    [{ port: "100:90" }, /port: the range "100:90" ends before it starts/],
    [{ order: -1 }, /order: must be at least 0/],
    [{ networkInterfaceId: "eth0" }, /networkInterfaceId: must be a Gigas network interface id/],
  ];
  for (const [change, message] of cases) {
    await expect(engine.up(await rule("bad", { ...good, ...change } as FirewallRuleArgs))).rejects.toThrow(message);
  }
  expect(server.requests).toHaveLength(0);
});

describe("a `pulumi up` killed while the rule is created, then run again: one rule, applied, in state with its id", () => {
  const killPoints: [string, number, (r: { method: string; path: string }) => boolean][] = [
    ["when the create is applied", 7001, (r) => r.method === "POST" && r.path.endsWith("/firewall_rule")],
    ["when the apply is queued", 7002, (r) => r.method === "POST" && r.path.endsWith("/firewall_rules/apply")],
  ];
  test.each(killPoints)("killed %s", async (_when, port, killOn) => {
    const { gigas } = fixture;
    const resource = await rule(`crashy${port}`, { networkInterfaceId: interfaceA, command: "ACCEPT", protocol: "TCP", port, order: 70 });
    const { entry } = await upKilledDuringCreate(fixture, resource, killOn);
    const mine = gigas.firewallRules().filter((r) => r.port === String(port));
    expect(mine.map((r) => r.id)).toEqual([entry.id]);
    expect(mine[0].status).toBe("active");
    expect(entry.outputs).toMatchObject({ ruleId: entry.id, port: String(port), order: 70, status: "active" });
    await fixture.engine.destroy(resource.urn);
    expect(gigas.firewallRules().filter((r) => r.port === String(port))).toEqual([]);
  });
});

test("identical rules declared in one program are two rules: concurrent creates on one interface never take each other's", async () => {
  const { engine, gigas } = fixture;
  const resources = await runProgram(() =>
    [1, 2].map((n) => new FirewallRule(`same${n}`, { networkInterfaceId: interfaceB, command: "DROP", protocol: "TCP", port: 2323, order: 40 })),
  );
  const ids = (await Promise.all(resources.map((resource) => engine.up(resource)))).map((created) => created.entry.id);
  expect(new Set(ids).size).toBe(2);
  expect(gigas.firewallRules().filter((r) => r.port === "2323").map((r) => r.id).sort()).toEqual([...ids].sort());
  for (const resource of resources) await engine.destroy(resource.urn);
});

test("a create answered 500 after the vendor applied it: the rule is found, not created again", async () => {
  const { engine, gigas, server } = fixture;
  const resource = await rule("lostcreate", { networkInterfaceId: interfaceA, command: "ACCEPT", protocol: "UDP", port: 6060, order: 60 });
  const lost = failAnswerAfterApplying(server, (r) => r.method === "POST" && r.path.endsWith("/firewall_rule"));
  const { entry } = await engine.up(resource);
  expect(lost()).toBe(true);
  expect(gigas.firewallRules().filter((r) => r.port === "6060").map((r) => r.id)).toEqual([entry.id]);
  await engine.destroy(resource.urn);
});
