// Disks (docs/vendor-documents.md, "Gigas: disks"): metadata edits apply at
// once; create, resize, attach/detach and delete go through the transaction
// queue and lock the disk and the VMs involved until it ends.
import { EmulatorError, badRequest, invalidField } from "../core";
import { locked } from "./errors";
import type { DiskRecord, TransactionRecord } from "./records";
import type { GigasState } from "./state";

export class Disks {
  constructor(private readonly state: GigasState) {}

  create(accountId: number, input: { virtual_machine_id?: string; disk_size: number; autobackup?: number; mount_point?: string; add_to_linux_fstab?: boolean }): { disk: DiskRecord; token: string } {
    const vmId = input.virtual_machine_id ? String(input.virtual_machine_id) : null;
    if (vmId) {
      const vm = this.state.vm(accountId, vmId);
      if (vm.locked) throw locked(vmId);
      vm.locked = true;
    }
    const disk = this.add(accountId, vmId, input.disk_size, {
      locked: true,
      status: "pending",
      autobackup: input.autobackup ?? 0,
      mount_point: input.mount_point ?? "",
      add_to_linux_fstab: input.add_to_linux_fstab ?? false,
    });
    const token = this.state.queue(accountId, "disk.create", disk.id, vmId, {});
    return { disk, token };
  }

  /** Metadata applies at once; size and attachment changes are queued. */
  edit(
    accountId: number,
    diskId: string,
    changes: {
      disk_size?: number;
      virtual_machine_id?: string | null;
      autobackup?: number;
      mount_point?: string;
      add_to_linux_fstab?: boolean;
      force_reboot?: boolean;
    },
  ): string | undefined {
    const disk = this.state.disk(accountId, diskId);
    if (disk.locked) throw new EmulatorError(409, `Disk ${diskId} is locked by another operation`);
    if (changes.disk_size !== undefined && changes.disk_size < disk.disk_size) {
      throw invalidField("disk_size", `cannot be reduced (from ${disk.disk_size} GB to ${changes.disk_size} GB)`);
    }
    const targetVm = changes.virtual_machine_id === undefined ? disk.virtual_machine_id : changes.virtual_machine_id === null ? null : String(changes.virtual_machine_id);
    const involved = [...new Set([disk.virtual_machine_id, targetVm].filter((id): id is string => id !== null))];
    const vms = involved.map((id) => this.state.vm(accountId, id));
    if (changes.autobackup !== undefined) disk.autobackup = changes.autobackup ? 1 : 0;
    if (changes.mount_point !== undefined) disk.mount_point = changes.mount_point;
    if (changes.add_to_linux_fstab !== undefined) disk.add_to_linux_fstab = changes.add_to_linux_fstab;
    disk.updated_at = this.state.timestamp();
    const queued: Record<string, unknown> = {};
    if (changes.disk_size !== undefined && changes.disk_size !== disk.disk_size) queued.disk_size = changes.disk_size;
    if (targetVm !== disk.virtual_machine_id) queued.virtual_machine_id = targetVm;
    if (Object.keys(queued).length === 0) return undefined;
    if (disk.primary && "virtual_machine_id" in queued) throw invalidField("virtual_machine_id", "cannot change: the primary disk stays with its virtual machine");
    for (const vm of vms) if (vm.locked) throw locked(vm.id);
    // Gigas's disk page: "some changes need the attached VM to reboot". Which ones is not stored; the fake's guess (docs/gigas.md):
    // resizing a disk attached to a running VM, refused unless the request allows the reboot with `force_reboot`.
    const running = vms.find((vm) => vm.id === disk.virtual_machine_id && vm.status === "online");
    if ("disk_size" in queued && running && changes.force_reboot !== true) {
      throw invalidField("force_reboot", `must be true to resize a disk of running virtual machine ${running.id}: the resize reboots it`);
    }
    for (const vm of vms) vm.locked = true;
    disk.locked = true;
    const reboots = "disk_size" in queued && running ? [running.id] : [];
    return this.state.queue(accountId, "disk.edit", disk.id, involved[0] ?? null, { ...queued, vms: involved, rebooted: reboots });
  }

  delete(accountId: number, diskId: string): string {
    const disk = this.state.disk(accountId, diskId);
    if (disk.primary) throw badRequest("The primary disk is deleted with its virtual machine", { disk_id: ["is the primary disk"] });
    if (disk.locked) throw new EmulatorError(409, `Disk ${diskId} is locked by another operation`);
    if (disk.virtual_machine_id) {
      const vm = this.state.vm(accountId, disk.virtual_machine_id);
      if (vm.locked) throw locked(vm.id);
      vm.locked = true;
    }
    disk.locked = true;
    return this.state.queue(accountId, "disk.delete", disk.id, disk.virtual_machine_id, {});
  }

  /**
   * The disk page's "Build (format)": 202 + token, the disk and its VM held
   * until it ends. What it erases is the disk's data; the primary disk (the
   * VM's system) is refused, a guess: rebuilding a VM is the VM's operation.
   */
  build(accountId: number, diskId: string): string {
    const disk = this.state.disk(accountId, diskId);
    if (disk.primary) throw invalidField("disk_id", "is the primary disk; it is built with its virtual machine");
    if (disk.locked) throw new EmulatorError(409, `Disk ${diskId} is locked by another operation`);
    const vm = disk.virtual_machine_id ? this.state.vm(accountId, disk.virtual_machine_id) : undefined;
    if (vm?.locked) throw locked(vm.id);
    if (vm) vm.locked = true;
    disk.locked = true;
    return this.state.queue(accountId, "disk.build", disk.id, vm?.id ?? null, {});
  }

  /** A disk record as-is (no transaction): the VM build and disk create add theirs through here. */
  add(accountId: number, vmId: string | null, size: number, fields: Partial<DiskRecord>): DiskRecord {
    const now = this.state.timestamp();
    const disk: DiskRecord = {
      id: this.state.newId(accountId),
      account_id: accountId,
      virtual_machine_id: vmId,
      disk_size: size,
      status: "active",
      locked: false,
      error: 0,
      is_swap: false,
      primary: false,
      autobackup: 0,
      mount_point: "",
      add_to_linux_fstab: false,
      data_store_id: `${accountId}88`,
      created_at: now,
      updated_at: now,
      ...fields,
    };
    this.state.data.disks.push(disk);
    return disk;
  }

  completeTransaction(transaction: TransactionRecord, succeeded: boolean): void {
    switch (transaction.kind) {
      case "disk.create": {
        const disk = this.state.data.disks.find((d) => d.id === transaction.target);
        this.state.releaseVirtualMachine(transaction);
        if (!disk) return;
        disk.locked = false;
        if (succeeded) disk.status = "active";
        else this.state.data.disks = this.state.data.disks.filter((d) => d !== disk);
        return;
      }
      case "disk.edit": {
        const disk = this.state.data.disks.find((d) => d.id === transaction.target);
        for (const id of (transaction.payload.vms as string[]) ?? []) {
          const held = this.state.data.vms.find((v) => v.id === id);
          if (held) held.locked = false;
        }
        if (!disk) return;
        disk.locked = false;
        if (succeeded) {
          if (transaction.payload.disk_size !== undefined) disk.disk_size = transaction.payload.disk_size as number;
          if (transaction.payload.virtual_machine_id !== undefined) disk.virtual_machine_id = transaction.payload.virtual_machine_id as string | null;
          disk.updated_at = this.state.timestamp();
        }
        return;
      }
      case "disk.build": {
        this.state.releaseVirtualMachine(transaction);
        const disk = this.state.data.disks.find((d) => d.id === transaction.target);
        if (!disk) return;
        disk.locked = false;
        if (succeeded) disk.updated_at = this.state.timestamp();
        return;
      }
      case "disk.delete": {
        this.state.releaseVirtualMachine(transaction);
        if (succeeded) this.state.data.disks = this.state.data.disks.filter((d) => d.id !== transaction.target);
        else {
          const disk = this.state.data.disks.find((d) => d.id === transaction.target);
          if (disk) disk.locked = false;
        }
        return;
      }
    }
  }
}
