// Virtual machines (docs/vendor-documents.md, "Gigas: virtual machines"):
// create builds through the transaction queue; label and note edits apply at
// once, resizes are queued; every queued operation holds the VM locked until
// its transaction ends.
import { invalidField } from "../core";
import { locked } from "./errors";
import { randomUUID } from "node:crypto";
import type { InterfaceRecord, TransactionRecord, VirtualMachineRecord } from "./records";
import type { GigasState } from "./state";

export interface NewVirtualMachine {
  label: string;
  note: string;
  memory: number;
  cpus: number;
  cpu_type: string;
  template_id: string;
  hostname: string;
  location_id: string;
  primary_disk_size: number;
  swap_disk_size: number;
  default_firewall_policy: string;
  initial_root_password?: string;
}

export const HOSTNAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,24}$/;

export class VirtualMachines {
  constructor(private readonly state: GigasState) {}

  create(accountId: number, input: NewVirtualMachine): { vm: VirtualMachineRecord; token: string } {
    this.state.account(accountId);
    const template = this.state.data.templates.find((t) => t.id === String(input.template_id) && t.account_id === accountId);
    if (!template || template.status !== "active") throw invalidField("template_id", `${input.template_id} does not exist or is not active`);
    const location = this.state.data.locations.find((l) => l.id === String(input.location_id) && l.account_id === accountId);
    if (!location) throw invalidField("location_id", `${input.location_id} does not exist`);
    if (input.memory < template.min_memory_size) {
      throw invalidField("memory", `must be at least ${template.min_memory_size} MB for template ${template.label}`);
    }
    if (input.primary_disk_size < Math.max(1, template.min_disk_size)) {
      throw invalidField("primary_disk_size", `must be at least ${Math.max(1, template.min_disk_size)} GB for template ${template.label}`);
    }
    if (input.swap_disk_size > 0 && !template.allowed_swap) {
      throw invalidField("swap_disk_size", `must be 0: template ${template.label} does not allow a swap disk`);
    }
    const now = this.state.timestamp();
    const vm: VirtualMachineRecord = {
      id: this.state.newId(accountId),
      account_id: accountId,
      label: input.label,
      hostname: input.hostname,
      status: "unbuilt",
      locked: true,
      memory: input.memory,
      cpus: input.cpus,
      cpu_type: input.cpu_type,
      disk_type: "virtio",
      disk_prefix: "vd",
      boot_type: "default",
      booted_from: "hd",
      location_id: location.id,
      hypervisor_id: `${location.id}3`,
      template_id: template.id,
      initial_password: input.initial_root_password ?? randomUUID().replace(/-/g, "").slice(0, 16),
      remote_access_password: null,
      local_remote_access_port: null,
      identifier: randomUUID().replace(/-/g, "").slice(0, 14),
      user_id: `${accountId}1014577`,
      strict_virtual_machine_id: null,
      cdrom: false,
      vip: false,
      note: input.note,
      operating_system: null,
      operating_system_distro: null,
      type: "standard",
      cpu_shares: 1,
      suspended: false,
      created_at: now,
      updated_at: now,
      error: 0,
    };
    this.state.data.vms.push(vm);
    this.state.disks.add(accountId, vm.id, input.primary_disk_size, { primary: true, locked: true, status: "pending" });
    if (input.swap_disk_size > 0) this.state.disks.add(accountId, vm.id, input.swap_disk_size, { is_swap: true, locked: true, status: "pending" });
    const network = this.state.data.networks.find((n) => n.account_id === accountId && n.location_id === location.id && n.public)!;
    const networkInterface: InterfaceRecord = {
      id: this.state.newId(accountId),
      account_id: accountId,
      label: "eth0",
      network_id: network.id,
      vlan: network.vlan,
      primary: true,
      rate_limit: 0,
      status: "active",
      virtual_machine_id: vm.id,
      default_firewall_policy: input.default_firewall_policy,
      mac_address: `52:54:00:00:${(this.state.data.nextIp % 256).toString(16).padStart(2, "0")}:01`,
    };
    this.state.data.interfaces.push(networkInterface);
    this.state.data.ips.push({
      id: this.state.newId(accountId),
      account_id: accountId,
      address: `203.0.113.${this.state.data.nextIp++ % 250}`,
      network_id: network.id,
      network_interface_id: networkInterface.id,
      virtual_machine_id: vm.id,
    });
    const token = this.state.queue(accountId, "vm.build", vm.id, vm.id, {});
    return { vm, token };
  }

  /** Label and note apply at once; memory and CPUs go through the queue. Returns the token when queued. */
  edit(accountId: number, vmId: string, changes: { label?: string; note?: string; memory?: number; cpus?: number }): string | undefined {
    const vm = this.state.vm(accountId, vmId);
    if (vm.locked) throw locked(vmId);
    if (changes.memory !== undefined || changes.cpus !== undefined) {
      const template = this.state.data.templates.find((t) => t.id === vm.template_id);
      if (changes.memory !== undefined && template && changes.memory < template.min_memory_size) {
        throw invalidField("memory", `must be at least ${template.min_memory_size} MB for template ${template.label}`);
      }
    }
    if (changes.label !== undefined) vm.label = changes.label;
    if (changes.note !== undefined) vm.note = changes.note;
    vm.updated_at = this.state.timestamp();
    const resize: Record<string, unknown> = {};
    if (changes.memory !== undefined && changes.memory !== vm.memory) resize.memory = changes.memory;
    if (changes.cpus !== undefined && changes.cpus !== vm.cpus) resize.cpus = changes.cpus;
    if (Object.keys(resize).length === 0) return undefined;
    vm.locked = true;
    return this.state.queue(accountId, "vm.edit", vm.id, vm.id, resize);
  }

  build(accountId: number, vmId: string, input: { template_id?: string; initial_root_password?: string }): string {
    const vm = this.state.vm(accountId, vmId);
    if (vm.locked) throw locked(vmId);
    if (input.template_id !== undefined) vm.template_id = this.state.template(accountId, String(input.template_id)).id;
    if (input.initial_root_password) vm.initial_password = input.initial_root_password;
    vm.locked = true;
    vm.status = "unbuilt";
    vm.error = 0;
    return this.state.queue(accountId, "vm.build", vm.id, vm.id, {});
  }

  delete(accountId: number, vmId: string): string {
    const vm = this.state.vm(accountId, vmId);
    if (vm.locked) throw locked(vmId);
    vm.locked = true;
    return this.state.queue(accountId, "vm.delete", vm.id, vm.id, {});
  }

  /** Out of band: another operation (a console reboot, a backup) holds the VM for `ms` of emulated time. */
  lock(accountId: number, vmId: string, ms: number): string {
    const vm = this.state.vm(accountId, vmId);
    if (vm.locked) throw locked(vmId);
    vm.locked = true;
    return this.state.queue(accountId, "vm.operation", vm.id, vm.id, {}, ms);
  }

  /** Removes a VM with everything that hangs off it (out-of-band deletes use this too). */
  remove(vmId: string): void {
    const interfaces = new Set(this.state.data.interfaces.filter((i) => i.virtual_machine_id === vmId).map((i) => i.id));
    this.state.data.vms = this.state.data.vms.filter((v) => v.id !== vmId);
    this.state.data.disks = this.state.data.disks.filter((d) => d.virtual_machine_id !== vmId || !(d.primary || d.is_swap));
    for (const disk of this.state.data.disks) if (disk.virtual_machine_id === vmId) disk.virtual_machine_id = null;
    this.state.data.interfaces = this.state.data.interfaces.filter((i) => !interfaces.has(i.id));
    this.state.data.ips = this.state.data.ips.filter((ip) => ip.virtual_machine_id !== vmId);
    this.state.data.rules = this.state.data.rules.filter((r) => !interfaces.has(r.network_interface_id));
  }

  completeTransaction(transaction: TransactionRecord, succeeded: boolean): void {
    const vm = this.state.heldVirtualMachine(transaction);
    switch (transaction.kind) {
      case "vm.build": {
        if (!vm) return;
        vm.locked = false;
        const disks = this.state.data.disks.filter((d) => d.virtual_machine_id === vm.id);
        for (const disk of disks) disk.locked = false;
        if (succeeded) {
          const template = this.state.data.templates.find((t) => t.id === vm.template_id);
          vm.status = "online";
          vm.error = 0;
          vm.operating_system = template?.operating_system ?? null;
          vm.operating_system_distro = template?.operating_system_distro ?? null;
          for (const disk of disks) disk.status = "active";
        } else {
          vm.status = "unbuilt";
          vm.error = 1;
          for (const disk of disks) disk.status = "unbuilt";
        }
        return;
      }
      case "vm.edit":
        if (vm && succeeded) Object.assign(vm, transaction.payload, { updated_at: this.state.timestamp() });
        this.state.releaseVirtualMachine(transaction);
        return;
      case "vm.operation":
        this.state.releaseVirtualMachine(transaction);
        return;
      case "vm.delete":
        if (vm && succeeded) this.remove(vm.id);
        else this.state.releaseVirtualMachine(transaction);
        return;
    }
  }
}
