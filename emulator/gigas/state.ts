// The Gigas cloud as data: accounts, catalogue, VMs with their disks,
// interfaces, IPs and firewall rules, and the transaction queue that every
// "Has Token: Yes" call goes through (docs/vendor-documents.md,
// "Gigas: conventions", "Gigas: transactions"). A transaction ends as a job on
// the shared job clock (../jobs.ts), which the core runs before every request;
// no timer runs. Each area's operations live in their own file (catalogue,
// virtual-machines, disks, firewall); this file holds the data, the lookups
// every area shares and the queue.
import { randomUUID } from "node:crypto";
import { type JobClock, notFound } from "../core";
import { Catalogue } from "./catalogue";
import { Backups } from "./backups";
import { Disks } from "./disks";
import { Firewall } from "./firewall";
import { NetworkInterfaces } from "./network-interfaces";
import {
  type AccountRecord,
  type BackupRecord,
  type DiskRecord,
  type FailurePlan,
  type FirewallRuleRecord,
  type GigasData,
  type InterfaceRecord,
  type NetworkRecord,
  TRANSACTION_DURATIONS,
  type TemplateRecord,
  type TransactionKind,
  type TransactionRecord,
  type VirtualMachineRecord,
  emptyData,
} from "./records";
import { VirtualMachines } from "./virtual-machines";

export class GigasState {
  data: GigasData = emptyData();
  readonly catalogue = new Catalogue(this);
  readonly virtualMachines = new VirtualMachines(this);
  readonly disks = new Disks(this);
  readonly firewall = new Firewall(this);
  readonly networkInterfaces = new NetworkInterfaces(this);
  readonly backups = new Backups(this);

  /** Kinds whose transactions stay pending until released (tests: a crash in the middle of one). Not saved with snapshots. */
  private readonly heldKinds = new Set<TransactionKind>();

  constructor(private readonly jobs: JobClock) {}

  // ---- lookups ------------------------------------------------------------

  account(accountId: number): AccountRecord {
    return found(this.data.accounts.find((a) => a.id === accountId), `Account ${accountId}`);
  }

  vm(accountId: number, vmId: string): VirtualMachineRecord {
    return found(this.data.vms.find((v) => v.id === vmId && v.account_id === accountId), `Virtual machine ${vmId}`);
  }

  disk(accountId: number, diskId: string): DiskRecord {
    return found(this.data.disks.find((d) => d.id === diskId && d.account_id === accountId), `Disk ${diskId}`);
  }

  networkInterface(accountId: number, interfaceId: string): InterfaceRecord {
    return found(this.data.interfaces.find((i) => i.id === interfaceId && i.account_id === accountId), `Network interface ${interfaceId}`);
  }

  network(accountId: number, networkId: string): NetworkRecord {
    return found(this.data.networks.find((n) => n.id === networkId && n.account_id === accountId), `Network ${networkId}`);
  }

  rule(accountId: number, ruleId: string): FirewallRuleRecord {
    return found(this.data.rules.find((r) => r.id === ruleId && r.account_id === accountId), `Firewall rule ${ruleId}`);
  }

  template(accountId: number, templateId: string): TemplateRecord {
    return found(this.data.templates.find((t) => t.id === templateId && t.account_id === accountId), `Template ${templateId}`);
  }

  backup(accountId: number, backupId: string): BackupRecord {
    return found(this.data.backups.find((b) => b.id === backupId && b.account_id === accountId), `Backup ${backupId}`);
  }

  transaction(accountId: number, token: string): TransactionRecord {
    return found(this.data.transactions.find((t) => t.token === token && t.account_id === accountId), `Transaction ${token}`);
  }

  /** The VM a transaction holds locked, if it still exists. */
  heldVirtualMachine(transaction: TransactionRecord): VirtualMachineRecord | undefined {
    return this.data.vms.find((v) => v.id === transaction.vm_id);
  }

  /** A transaction that ended lets go of its VM. */
  releaseVirtualMachine(transaction: TransactionRecord): void {
    const vm = this.heldVirtualMachine(transaction);
    if (vm) vm.locked = false;
  }

  // ---- transactions -------------------------------------------------------------

  /** The next transaction (of `kind`, if given) ends in failure with these words. */
  failNextTransaction(plan: FailurePlan): void {
    this.data.failurePlans.push(plan);
  }

  /** Snapshot data as it was stored; the transactions still pending are scheduled again (the job clock is cleared first). */
  restore(data: GigasData): void {
    this.data = data;
    this.data.backups ??= [];
    for (const transaction of data.transactions) if (transaction.status === "pending") this.schedule(transaction);
  }

  /** Queues a transaction of `kind` on `target`; a pending failure plan for its kind makes it fail. */
  queue(accountId: number, kind: TransactionKind, target: string, vmId: string | null, payload: Record<string, unknown>, durationMs?: number): string {
    const planIndex = this.data.failurePlans.findIndex((plan) => plan.kind === undefined || plan.kind === kind);
    const plan = planIndex >= 0 ? this.data.failurePlans.splice(planIndex, 1)[0] : undefined;
    const transaction: TransactionRecord = {
      token: randomUUID(),
      account_id: accountId,
      kind,
      target,
      vm_id: vmId,
      due_at: this.jobs.clock.now() + (durationMs ?? TRANSACTION_DURATIONS[kind]),
      status: "pending",
      updated_at: null,
      payload,
      failure: plan ? { status: plan.status ?? "Failed" } : null,
    };
    this.data.transactions.push(transaction);
    if (!this.heldKinds.has(kind)) this.schedule(transaction);
    return transaction.token;
  }

  /** Transactions of `kind` queued from now on stay pending until `releaseHeld`. */
  hold(kind: TransactionKind): void {
    this.heldKinds.add(kind);
  }

  /** Held transactions end now (on the next request); later ones of their kinds run normally. */
  releaseHeld(): void {
    for (const transaction of this.data.transactions) {
      if (transaction.status !== "pending" || !this.heldKinds.has(transaction.kind) || this.jobs.has(`transaction:${transaction.token}`)) continue;
      transaction.due_at = this.jobs.clock.now();
      this.schedule(transaction);
    }
    this.heldKinds.clear();
  }

  /** A transaction ends on the job clock at its `due_at`, stored with it so a restored snapshot can schedule it again. */
  private schedule(transaction: TransactionRecord): void {
    this.jobs.at(transaction.due_at, () => this.complete(transaction), `transaction:${transaction.token}`);
  }

  private complete(transaction: TransactionRecord): void {
    const failure = transaction.failure;
    transaction.status = failure ? failure.status : "Completed";
    transaction.updated_at = this.timestamp(transaction.due_at).replace("T", " ");
    const succeeded = failure === null;
    const area = transaction.kind.startsWith("vm.")
      ? this.virtualMachines
      : transaction.kind.startsWith("disk.")
        ? this.disks
        : transaction.kind.startsWith("interface.")
          ? this.networkInterfaces
        : transaction.kind.startsWith("backup.") || transaction.kind.startsWith("template.")
          ? this.backups
          : this.firewall;
    area.completeTransaction(transaction, succeeded);
  }

  // ---- plumbing -----------------------------------------------------------------

  newId(accountId: number): string {
    return `${accountId}${this.data.nextId++}`;
  }

  timestamp(ms: number = this.jobs.clock.now()): string {
    return new Date(ms).toISOString().slice(0, 19);
  }
}

/** `record`, or 404 "<what> not found". */
function found<T>(record: T | undefined, what: string): T {
  if (!record) throw notFound(what);
  return record;
}
