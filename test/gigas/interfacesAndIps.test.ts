import { validateInputs } from "../../provider/inputs";
import { ipAddressWire, networkInterfaceWire } from "../../provider/gigas/wire";
import { ipAddressArgs, ipAddressFromWire, ipAddressToWire } from "../../resources/gigas/ipAddress";
import { networkInterfaceArgs, networkInterfaceEdit, networkInterfaceFromWire, networkInterfaceToWire } from "../../resources/gigas/networkInterface";

const nicInputs = (args: Record<string, unknown>) => {
  const { inputs, failures } = validateInputs(networkInterfaceArgs, { virtualMachineId: 7, networkId: "9", label: " backend ", ...args });
  expect(failures).toEqual([]);
  return inputs as never;
};

test("interface check fills the policy, trims the label, takes ids as numbers; the create body is the interface's fields", () => {
  expect(nicInputs({ defaultFirewallPolicy: "drop" })).toEqual({ virtualMachineId: "7", networkId: "9", label: "backend", defaultFirewallPolicy: "DROP" });
  expect(networkInterfaceToWire(nicInputs({}))).toEqual({ virtual_machine_id: "7", network_id: "9", label: "backend", default_firewall_policy: "ACCEPT" });
});

test.each([
  [{}, {}],
  [{ label: "front" }, { label: "front" }],
  [{ networkId: "10" }, { network_id: "10" }],
  [{ label: "front", networkId: "10", defaultFirewallPolicy: "DROP" }, { label: "front", network_id: "10" }],
])("the edit of %j sends only the interfaces page's Edit fields that differ: %j", (change, edit) => {
  const live = networkInterfaceFromWire(networkInterfaceWire.parse({ id: 3, virtual_machine_id: 7, network_id: 9, label: "backend", default_firewall_policy: "accept", primary: 0 }));
  expect(networkInterfaceEdit(live, nicInputs(change))).toEqual(edit);
});

test("wire interfaces map to state: policy upper case, flags and numbers as strings accepted", () => {
  const wire = networkInterfaceWire.parse({ id: 3, virtual_machine_id: "7", network_id: 9, label: "eth1", default_firewall_policy: "drop", primary: "0", vlan: "101", mac_address: "52:54:00:01:0a:02", status: "active" });
  expect(networkInterfaceFromWire(wire)).toEqual({
    networkInterfaceId: "3",
    virtualMachineId: "7",
    networkId: "9",
    label: "eth1",
    defaultFirewallPolicy: "DROP",
    primary: false,
    macAddress: "52:54:00:01:0a:02",
    vlan: 101,
    status: "active",
  });
});

test("the Add-IP body carries the documented fields that are set, plus the guessed network_interface_id; empty fields read as null", () => {
  const { inputs, failures } = validateInputs(ipAddressArgs, { networkId: 9, networkInterfaceId: 3, address: " 10.0.0.10 ", gateway: "10.0.0.1" });
  expect(failures).toEqual([]);
  expect(ipAddressToWire(inputs as never)).toEqual({ address: "10.0.0.10", network_interface_id: "3", disallowed_primary: false, gateway: "10.0.0.1" });
  const wire = ipAddressWire.parse({ id: 5, address: "10.0.0.10", network_id: 9, network_interface_id: 3, netmask: "", gateway: "10.0.0.1", disallowed_primary: 1 });
  expect(ipAddressFromWire(wire, "9")).toEqual({
    ipAddressId: "5",
    address: "10.0.0.10",
    networkId: "9",
    networkInterfaceId: "3",
    netmask: null,
    gateway: "10.0.0.1",
    broadcast: null,
    networkAddress: null,
    disallowedPrimary: true,
  });
});
