// The Gigas cloud as data: accounts, catalogue, VMs with their disks,
// interfaces, IPs and firewall rules, and the transaction queue that every
// "Has Token: Yes" call goes through (gigas-api.md §0, §11). A transaction
// ends as a job on the shared job clock (../jobs.ts), which the core runs
// before every request; no timer runs. Each area's operations live
// in their own file (catalogue, virtual-machines, disks, firewall); this file
// holds the data, the lookups every area shares and the queue.
import { randomUUID } from "node:crypto";
import { type JobClock, notFound } from "../core";
import { Catalogue } from "./catalogue";
import { Disks } from "./disks";
import { Firewall } from "./firewall";
import {
  type AccountRecord,
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

  constructor(private readonly jobs: JobClock) {}

  // ---- lookups ------------------------------------------------------------

  account(accountId: number): AccountRecord {
    const account = this.data.accounts.find((a) => a.id === accountId);
    if (!account) throw notFound(`Account ${accountId}`);
    return account;
  }

  vm(accountId: number, vmId: string): VirtualMachineRecord {
    const vm = this.data.vms.find((v) => v.id === vmId && v.account_id === accountId);
    if (!vm) throw notFound(`Virtual machine ${vmId}`);
    return vm;
  }

  disk(accountId: number, diskId: string): DiskRecord {
    const disk = this.data.disks.find((d) => d.id === diskId && d.account_id === accountId);
    if (!disk) throw notFound(`Disk ${diskId}`);
    return disk;
  }

  networkInterface(accountId: number, interfaceId: string): InterfaceRecord {
    const found = this.data.interfaces.find((i) => i.id === interfaceId && i.account_id === accountId);
    if (!found) throw notFound(`Network interface ${interfaceId}`);
    return found;
  }

  network(accountId: number, networkId: string): NetworkRecord {
    const network = this.data.networks.find((n) => n.id === networkId && n.account_id === accountId);
    if (!network) throw notFound(`Network ${networkId}`);
    return network;
  }

  rule(accountId: number, ruleId: string): FirewallRuleRecord {
    const rule = this.data.rules.find((r) => r.id === ruleId && r.account_id === accountId);
    if (!rule) throw notFound(`Firewall rule ${ruleId}`);
    return rule;
  }

  template(accountId: number, templateId: string): TemplateRecord {
    const template = this.data.templates.find((t) => t.id === templateId && t.account_id === accountId);
    if (!template) throw notFound(`Template ${templateId}`);
    return template;
  }

  transaction(accountId: number, token: string): TransactionRecord {
    const transaction = this.data.transactions.find((t) => t.token === token && t.account_id === accountId);
    if (!transaction) throw notFound(`Transaction ${token}`);
    return transaction;
  }

  // ---- transactions -------------------------------------------------------------

  /** The next transaction (of `kind`, if given) ends in failure with these words. */
  failNextTransaction(plan: FailurePlan): void {
    this.data.failurePlans.push(plan);
  }

  /** Snapshot data as it was stored; the transactions still pending are scheduled again (the job clock is cleared first). */
  restore(data: GigasData): void {
    this.data = data;
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
    this.schedule(transaction);
    return transaction.token;
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
    const area = transaction.kind.startsWith("vm.") ? this.virtualMachines : transaction.kind.startsWith("disk.") ? this.disks : this.firewall;
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
