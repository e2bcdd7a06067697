import { validateInputs } from "../../provider/inputs";
import { firewallRuleWire } from "../../provider/gigas/wire";
import {
  addressProblem,
  firewallRuleArgs,
  firewallRuleEditToWire,
  firewallRuleFromWire,
  firewallRuleToWire,
  normalizePort,
  portProblem,
} from "../../resources/gigas/firewallRule";

test.each([
  ["192.0.2.1", undefined],
  ["192.0.2.0/24", undefined],
  ["192.0.2.10-192.0.2.20", undefined],
  ["192.0.2.0/40", '"192.0.2.0/40" is not a valid IP/mask (e.g. 198.51.100.0/24)'],
  ["192.0.2.20-192.0.2.10", 'the range "192.0.2.20-192.0.2.10" ends before it starts'],
  ["2001:db8::1", '"2001:db8::1" is not an IPv4 address, IP/mask or range'],
  ["example.com", '"example.com" is not an IPv4 address, IP/mask or range'],
])("address %j → %s", (address, problem) => {
  expect(addressProblem(address)).toBe(problem);
});

test.each([
  ["22", "22", undefined],
  ["80, 443", "80,443", undefined],
  ["8000-8100", "8000:8100", undefined],
  ["8000:8100,22", "8000:8100,22", undefined],
  ["0", "0", '"0" is not a port (1-65535) or a range such as 8000:8100'],
  ["1:2:3", "1:2:3", '"1:2:3" is not a port (1-65535) or a range such as 8000:8100'],
  ["ssh", "ssh", '"ssh" is not a port (1-65535) or a range such as 8000:8100'],
])("port %j normalizes to %j (%s)", (raw, normalized, problem) => {
  expect(normalizePort(raw)).toBe(normalized);
  expect(portProblem(normalized)).toBe(problem);
});

test("check normalizes case, any-address and ports; toWire sends empty strings for any", () => {
  const { inputs, failures } = validateInputs(firewallRuleArgs, { networkInterfaceId: 42, command: "drop", protocol: "udp", address: "0.0.0.0", port: "53", order: 0 });
  expect(failures).toEqual([]);
  expect(inputs).toEqual({ networkInterfaceId: "42", command: "DROP", protocol: "UDP", port: "53", order: 0 });
  expect(firewallRuleToWire(inputs as never)).toEqual({ command: "DROP", protocol: "UDP", address: "", port: "53", order: 0 });
});

test("an edit sends the firewall page's Edit fields only: no order", () => {
  const { inputs } = validateInputs(firewallRuleArgs, { networkInterfaceId: 42, command: "accept", protocol: "tcp", port: 22, order: 4 });
  expect(firewallRuleEditToWire(inputs as never)).toEqual({ command: "ACCEPT", protocol: "TCP", address: "", port: "22" });
});

test("wire rules map to state: empty address and port are null, numbers as strings are accepted", () => {
  const wire = firewallRuleWire.parse({ id: 7, network_interface_id: "9", command: "accept", protocol: "tcp", address: "", port: 22, order: "3", status: "active" });
  expect(firewallRuleFromWire(wire)).toEqual({
    ruleId: "7",
    networkInterfaceId: "9",
    command: "ACCEPT",
    protocol: "TCP",
    address: null,
    port: "22",
    order: 3,
    status: "active",
  });
});
