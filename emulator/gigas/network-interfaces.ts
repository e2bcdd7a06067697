// A VM's network interfaces and the IP addresses on them (docs/vendor-documents.md,
// "Gigas: networks", "Gigas: network interfaces"). Documented: interface Edit
// (label, network_id; 200/202) and Delete (202, removes what depends on the
// interface), "Add IP to a network" (201) and unassigning an IP from an
// interface (which removes the interface too if it was its only IP). Guessed
// (docs/gigas.md): how an interface is created, "Set default policy", which
// edits are queued, and what a move to another network does to the
// interface's addresses.
import { EmulatorError, badRequest, invalidField } from "../core";
import { locked } from "./errors";
import { FIREWALL_POLICIES } from "./fields";
import type { InterfaceRecord, IpAddressRecord, TransactionRecord } from "./records";
import type { GigasState } from "./state";

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export interface NewIpAddress {
  address: string;
  network_interface_id?: string;
  disallowed_primary?: boolean;
  netmask?: string;
  broadcast?: string;
  network_address?: string;
  gateway?: string;
}

export class NetworkInterfaces {
  constructor(private readonly state: GigasState) {}

  /** Guess: attaching is a queued VM operation; the interface reads `status: "pending"` until it ends. */
  create(accountId: number, input: { virtual_machine_id: string; network_id: string; label: string; default_firewall_policy: string }): { networkInterface: InterfaceRecord; token: string } {
    const vm = this.state.data.vms.find((v) => v.id === input.virtual_machine_id && v.account_id === accountId);
    if (!vm) throw invalidField("virtual_machine_id", `${input.virtual_machine_id} does not exist`);
    const network = this.networkField(accountId, input.network_id);
    if (network.location_id !== vm.location_id && !network.multidatacenter) {
      throw invalidField("network_id", `network ${network.id} is not in the virtual machine's location and does not span datacenters`);
    }
    if (!input.label.trim()) throw invalidField("label", "must not be empty");
    policy(input.default_firewall_policy);
    if (vm.locked) throw locked(vm.id);
    const networkInterface: InterfaceRecord = {
      id: this.state.newId(accountId),
      account_id: accountId,
      label: input.label,
      network_id: network.id,
      vlan: network.vlan,
      primary: false,
      rate_limit: 0,
      status: "pending",
      virtual_machine_id: vm.id,
      default_firewall_policy: input.default_firewall_policy,
      mac_address: `52:54:00:01:${(this.state.data.nextIp++ % 256).toString(16).padStart(2, "0")}:02`,
    };
    this.state.data.interfaces.push(networkInterface);
    vm.locked = true;
    return { networkInterface, token: this.state.queue(accountId, "interface.create", networkInterface.id, vm.id, {}) };
  }

  /** The page's Edit: a label applies at once (200); a move to another network is queued (202, a guess). */
  edit(accountId: number, interfaceId: string, changes: { label?: string; network_id?: string }): string | undefined {
    const networkInterface = this.state.networkInterface(accountId, interfaceId);
    if (changes.label !== undefined && !changes.label.trim()) throw invalidField("label", "must not be empty");
    const network = changes.network_id === undefined ? undefined : this.networkField(accountId, changes.network_id);
    const vm = this.state.vm(accountId, networkInterface.virtual_machine_id);
    if (network && network.id !== networkInterface.network_id) {
      if (network.location_id !== vm.location_id && !network.multidatacenter) {
        throw invalidField("network_id", `network ${network.id} is not in the virtual machine's location and does not span datacenters`);
      }
      if (vm.locked) throw locked(vm.id);
    }
    if (changes.label !== undefined) networkInterface.label = changes.label;
    if (!network || network.id === networkInterface.network_id) return undefined;
    vm.locked = true;
    return this.state.queue(accountId, "interface.edit", networkInterface.id, vm.id, { network_id: network.id, vlan: network.vlan });
  }

  /** Guess: the firewall page's "Set default policy" is `PUT …/network_interface/{i}/default_firewall_policy`, applied at once. */
  setDefaultPolicy(accountId: number, interfaceId: string, value: unknown): InterfaceRecord {
    const networkInterface = this.state.networkInterface(accountId, interfaceId);
    networkInterface.default_firewall_policy = policy(value);
    return networkInterface;
  }

  /** The page's Delete: queued; removes the interface and what depends on it (its IPs, its firewall rules). The primary interface is refused (a guess). */
  delete(accountId: number, interfaceId: string): string {
    const networkInterface = this.state.networkInterface(accountId, interfaceId);
    if (networkInterface.primary) throw badRequest("The primary interface is deleted with its virtual machine", { network_interface_id: ["is the primary interface"] });
    const vm = this.state.vm(accountId, networkInterface.virtual_machine_id);
    if (vm.locked) throw locked(vm.id);
    vm.locked = true;
    return this.state.queue(accountId, "interface.delete", networkInterface.id, vm.id, {});
  }

  /** "Add IP to a network": `address` required; one address once per network (a guess); `network_interface_id` (a guess) assigns it. */
  addIp(accountId: number, networkId: string, input: NewIpAddress): IpAddressRecord {
    const network = this.state.network(accountId, networkId);
    if (!IPV4.test(input.address)) throw invalidField("address", `"${input.address}" is not an IPv4 address`);
    for (const key of ["netmask", "broadcast", "network_address", "gateway"] as const) {
      const value = input[key];
      if (value !== undefined && value !== "" && !IPV4.test(value)) throw invalidField(key, `"${value}" is not an IPv4 address`);
    }
    if (this.state.data.ips.some((ip) => ip.network_id === network.id && ip.address === input.address)) {
      throw invalidField("address", `${input.address} is already on network ${network.id}`);
    }
    let networkInterface: InterfaceRecord | undefined;
    if (input.network_interface_id !== undefined) {
      networkInterface = this.state.data.interfaces.find((i) => i.id === input.network_interface_id && i.account_id === accountId);
      if (!networkInterface) throw invalidField("network_interface_id", `${input.network_interface_id} does not exist`);
      if (networkInterface.network_id !== network.id) throw invalidField("network_interface_id", `interface ${networkInterface.id} is not on network ${network.id}`);
    }
    const ip: IpAddressRecord = {
      id: this.state.newId(accountId),
      account_id: accountId,
      address: input.address,
      network_id: network.id,
      network_interface_id: networkInterface?.id ?? null,
      virtual_machine_id: networkInterface?.virtual_machine_id ?? null,
      netmask: input.netmask ?? null,
      broadcast: input.broadcast ?? null,
      network_address: input.network_address ?? null,
      gateway: input.gateway ?? null,
      disallowed_primary: input.disallowed_primary ?? false,
    };
    this.state.data.ips.push(ip);
    return ip;
  }

  /** Unassigns an IP from its interface: the IP goes; so does the interface if it was its only IP (the page says so). */
  unassignIp(accountId: number, interfaceId: string, ipId: string): void {
    const networkInterface = this.state.networkInterface(accountId, interfaceId);
    const ip = this.state.data.ips.find((i) => i.id === ipId && i.network_interface_id === networkInterface.id);
    if (!ip) throw new EmulatorError(404, `IP address ${ipId} not found on interface ${interfaceId}`);
    this.state.data.ips = this.state.data.ips.filter((i) => i !== ip);
    if (!this.state.data.ips.some((i) => i.network_interface_id === networkInterface.id)) this.remove(networkInterface.id);
  }

  /** Removes an interface with what depends on it (out-of-band deletes use this too). */
  remove(interfaceId: string): void {
    this.state.data.interfaces = this.state.data.interfaces.filter((i) => i.id !== interfaceId);
    this.state.data.ips = this.state.data.ips.filter((ip) => ip.network_interface_id !== interfaceId);
    this.state.data.rules = this.state.data.rules.filter((r) => r.network_interface_id !== interfaceId);
  }

  completeTransaction(transaction: TransactionRecord, succeeded: boolean): void {
    const networkInterface = this.state.data.interfaces.find((i) => i.id === transaction.target);
    this.state.releaseVirtualMachine(transaction);
    if (!networkInterface) return;
    switch (transaction.kind) {
      case "interface.create":
        if (succeeded) networkInterface.status = "active";
        else this.remove(networkInterface.id);
        return;
      case "interface.edit":
        if (!succeeded) return;
        // Guess: the addresses it had on the old network are released.
        this.state.data.ips = this.state.data.ips.filter((ip) => ip.network_interface_id !== networkInterface.id || ip.network_id === transaction.payload.network_id);
        networkInterface.network_id = transaction.payload.network_id as string;
        networkInterface.vlan = transaction.payload.vlan as number;
        return;
      case "interface.delete":
        if (succeeded) this.remove(networkInterface.id);
        return;
    }
  }

  private networkField(accountId: number, networkId: string) {
    const network = this.state.data.networks.find((n) => n.id === String(networkId) && n.account_id === accountId);
    if (!network) throw invalidField("network_id", `${networkId} does not exist`);
    return network;
  }
}

function policy(value: unknown): string {
  const text = String(value ?? "");
  if (!FIREWALL_POLICIES.includes(text)) throw invalidField("default_firewall_policy", `must be ${FIREWALL_POLICIES.join(" or ")}`);
  return text;
}
