import { IpAddress, IpAddressArgs, NetworkInterface, VirtualMachine } from "../../resources/gigas";
import { programResource } from "../harness/engine";
import { upKilledDuringCreate } from "../support/crash";
import { failAnswerAfterApplying } from "../support/lostAnswer";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { minimalVmArgs, startGigas } from "../support/gigasFixture";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGigas());
const SPAIN = "226661012";
let vm: string;
let network: string;
let interfaceId: string;

beforeAll(async () => {
  const { engine, gigas } = fixture;
  vm = (await engine.up(await programResource(() => new VirtualMachine("ip-host", minimalVmArgs("ip-host", "Root-Password-1"))))).entry.id;
  network = gigas.addNetwork({ label: "private", location_id: SPAIN }).id;
  interfaceId = (await engine.up(await programResource(() => new NetworkInterface("ip-nic", { virtualMachineId: vm, networkId: network, label: "private" })))).entry.id;
});

const ip = (name: string, args: IpAddressArgs) => programResource(() => new IpAddress(name, args));
const live = (id: string) => fixture.gigas.ipAddresses().find((i) => i.id === id);
const onNetwork = (address: string) => fixture.gigas.ipAddresses().filter((i) => i.network_id === network && i.address === address);

test("full lifecycle: added to the interface, no drift, create-only fields never diff, a new address replaces it (old one first), out-of-band delete, destroy unassigns", async () => {
  const { engine, gigas, host } = fixture;
  // a first address keeps the interface when the second is replaced or unassigned
  const keeper = await ip("keeper", { networkId: network, networkInterfaceId: interfaceId, address: "10.0.0.2" });
  await engine.up(keeper);

  const v1 = await ip("app", { networkId: network, networkInterfaceId: interfaceId, address: "10.0.0.10", netmask: "255.255.255.0", gateway: "10.0.0.1" });
  const created = await engine.up(v1);
  const id = created.entry.id;
  expect(live(id)).toMatchObject({ address: "10.0.0.10", network_id: network, network_interface_id: interfaceId, netmask: "255.255.255.0", gateway: "10.0.0.1", disallowed_primary: false });
  expect(created.entry.outputs).toMatchObject({ ipAddressId: id, address: "10.0.0.10", networkId: network, networkInterfaceId: interfaceId, netmask: "255.255.255.0", gateway: "10.0.0.1", broadcast: null, disallowedPrimary: false });

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // Gigas documents no edit of an IP: a create-only field changes nothing (an update that sends nothing)
  const v2 = await ip("app", { networkId: network, networkInterfaceId: interfaceId, address: "10.0.0.10", netmask: "255.255.255.0", gateway: "10.0.0.254" });
  expect((await engine.preview(v2)).changes).toBe("none");

  // out-of-band change: refresh reports it; it is create-only, so no diff follows
  gigas.ipAddresses().find((i) => i.id === id)!.gateway = "10.0.0.99";
  expect((await engine.refresh(v2.urn))!.outputs).toMatchObject({ gateway: "10.0.0.99", address: "10.0.0.10" });
  expect((await engine.preview(v2)).changes).toBe("none");

  // a new address replaces it: the old one is unassigned first (an address is on a network once)
  const v3 = await ip("app", { networkId: network, networkInterfaceId: interfaceId, address: "10.0.0.11" });
  expect(await engine.preview(v3)).toEqual({ changes: "some", replaces: ["address"], deleteBeforeReplace: true });
  const replaced = await engine.up(v3);
  expect(replaced.operation).toBe("replace");
  expect(live(id)).toBeUndefined();
  const id2 = replaced.entry.id;
  expect(live(id2)).toMatchObject({ address: "10.0.0.11", network_interface_id: interfaceId });
  expect(gigas.interfaces().some((i) => i.id === interfaceId)).toBe(true);

  // deleted out of band: refresh reports it gone, up adds it again
  gigas.removeIpAddress(id2);
  expect(await engine.refresh(v3.urn)).toBeUndefined();
  expect((await engine.up(v3)).operation).toBe("create");

  const last = engine.entry(v3.urn);
  await engine.destroy(v3.urn);
  expect(live(last.id)).toBeUndefined();
  expect(onNetwork("10.0.0.11")).toEqual([]);
  expect((await host.read(last.id, v3.urn, last.outputs, last.inputs)).id).toBe("");
  await host.delete(last.id, v3.urn, last.outputs);
  expect(gigas.interfaces().some((i) => i.id === interfaceId)).toBe(true);
  // `keeper` stays: it keeps the interface for the tests below.
});

test("Gigas refusals name the input: an address already on the network (here unassigned, in the network's pool) is refused, naming address, and no second one is added", async () => {
  const { engine, gigas } = fixture;
  gigas.state.networkInterfaces.addIp(gigas.defaultAccountId, network, { address: "10.0.0.20" });
  const failure = await engine.up(await ip("taken", { networkId: network, networkInterfaceId: interfaceId, address: "10.0.0.20" })).catch((error) => error);
  expect(failure.message).toMatch(/POST \/account\/22666\/network\/\d+\/ip_address answered 400.* — address: 10\.0\.0\.20 is already on network \d+/);
  expect(onNetwork("10.0.0.20")).toHaveLength(1);
  expect(onNetwork("10.0.0.20")[0].network_interface_id).toBeNull();
});

test("bad input is caught at check, naming the property, with zero API calls", async () => {
  const valid: IpAddressArgs = { networkId: network, networkInterfaceId: interfaceId, address: "10.0.0.40" };
  await expectRefusedByCheck(
    fixture,
    [
      [{ ...valid, address: "10.0.0.256" }, "address"],
      [{ ...valid, address: "" }, "address"],
      [{ ...valid, networkId: "private" }, "networkId"],
      [{ ...valid, networkInterfaceId: -1 }, "networkInterfaceId"],
      [{ ...valid, netmask: "255.255.255" }, "netmask"],
      [{ ...valid, gateway: "gw" }, "gateway"],
      [{ ...valid, disallowedPrimary: "yes" } as unknown as IpAddressArgs, "disallowedPrimary"],
    ],
    (args) => ip("bad", args),
  );
});

test("a `pulumi up` killed while the address is added, then run again: one address, in state with its id", async () => {
  const resource = await ip("crashy", { networkId: network, networkInterfaceId: interfaceId, address: "10.0.0.50" });
  const { entry } = await upKilledDuringCreate(fixture, resource, (r) => r.method === "POST" && r.path.endsWith("/ip_address"));
  expect(onNetwork("10.0.0.50").map((i) => i.id)).toEqual([entry.id]);
  expect(entry.outputs).toMatchObject({ ipAddressId: entry.id, address: "10.0.0.50", networkInterfaceId: interfaceId });
  await fixture.engine.destroy(resource.urn);
  expect(onNetwork("10.0.0.50")).toEqual([]);
});

test("a create answered 500 after the vendor applied it: the address is found, not added again", async () => {
  const { engine, server } = fixture;
  const resource = await ip("lostcreate", { networkId: network, networkInterfaceId: interfaceId, address: "10.0.0.60" });
  const lost = failAnswerAfterApplying(server, (r) => r.method === "POST" && r.path.endsWith("/ip_address"));
  const { entry } = await engine.up(resource);
  expect(lost()).toBe(true);
  expect(onNetwork("10.0.0.60").map((i) => i.id)).toEqual([entry.id]);
  await engine.destroy(resource.urn);
});

test("unassigning an interface's only address removes the interface too (the interfaces page): its NetworkInterface then reads gone", async () => {
  const { engine, gigas } = fixture;
  const nicResource = await programResource(() => new NetworkInterface("lonely", { virtualMachineId: vm, networkId: network, label: "lonely" }));
  const lonely = (await engine.up(nicResource)).entry.id;
  const only = await ip("only", { networkId: network, networkInterfaceId: lonely, address: "10.0.0.70" });
  await engine.up(only);
  await engine.destroy(only.urn);
  expect(gigas.interfaces().some((i) => i.id === lonely)).toBe(false);
  expect(await engine.refresh(nicResource.urn)).toBeUndefined();
});
