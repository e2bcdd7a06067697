// Cloud servers (VPS) of the ZoneID fake: orders that gain a container
// after a delay on the emulator clock, VMs that boot, stop and resize with a
// "process locked" window, and the access endpoints for the default user.
// Both delays are jobs on the job clock: an order completes when its job
// runs, and a VM is locked while the job ending its operation waits. The
// stored due times (createdAt, lockedUntil) reschedule them on restore.
// Tests call this state in-process, past the server that runs due jobs before
// each request, so its lookups run them too (jobs.ts).
import type { JobClock } from "../core";
import { EmulatorError } from "../core";
import { unprocessable } from "./errors";

const GB = 1024 ** 3;

/** What the fake sells (the vendor's real list comes from "Get available virtual machine options"). */
export const CLOUD_OPTIONS = {
  datacenters: ["tll01", "hel01"],
  packages: { "vps-s": { cpu: 1, ramGb: 2, diskGb: 40 }, "vps-m": { cpu: 2, ramGb: 4, diskGb: 80 }, "vps-l": { cpu: 4, ramGb: 8, diskGb: 160 } } as Record<string, { cpu: number; ramGb: number; diskGb: number }>,
  os: { "ubuntu-24.04": { name: "Ubuntu", version: "24.04", user: "ubuntu" }, "debian-12": { name: "Debian", version: "12", user: "debian" } } as Record<string, { name: string; version: string; user: string }>,
  billingPeriods: [1, 3, 6, 12],
};

export interface CloudOrder {
  identificator: number;
  status: string;
  datacenter: string;
  package: string;
  os: string;
  billing_period: number;
  ssh_public_key: string;
  container: string | null;
  createdAt: number;
  /** Set by `failNextOrder`: the order ends "failed" instead of building. */
  fails: boolean;
}

export interface CloudVm {
  name: string;
  identificator: number;
  availability_zone: string;
  os: string;
  username: string;
  package: string;
  ip: string;
  cpu: number;
  ram: number;
  disk: number;
  state: "starting" | "running" | "stopping" | "stopped";
  /** The state reached when the current operation ends. */
  target: "running" | "stopped";
  lockedUntil: number;
  sshKey: string;
  password: string | null;
  suspended: boolean;
}

export interface CloudSnapshot {
  nextId: number;
  orders: CloudOrder[];
  vms: CloudVm[];
}

export interface CloudTimings {
  /** From order to container (default 2 minutes). */
  orderMs: number;
  /** Boot, shutdown and resize: the VM is "process locked" meanwhile (default 30 s). */
  operationMs: number;
}

export class ZoneidCloudState {
  private orders: CloudOrder[] = [];
  private vms = new Map<string, CloudVm>();
  private nextId = 5000;
  private failNext = false;
  /**
   * How actions answer a VM already in the wanted state or busy:
   * "documented" (200 no-op, 500 "Process locked": only the operation's
   * listed statuses) or "400" (400 "already running/stopped" and 400
   * "Process locked", as the intro's general status list would have it).
   */
  actionRefusals: "documented" | "400" = "documented";

  constructor(
    private readonly jobs: JobClock,
    readonly timings: CloudTimings = { orderMs: 120_000, operationMs: 30_000 },
  ) {}

  failNextOrder(): void {
    this.failNext = true;
  }

  /** What can be ordered, as lists of option names. */
  options(): Record<string, unknown> {
    return {
      datacenter: [...CLOUD_OPTIONS.datacenters],
      package: Object.keys(CLOUD_OPTIONS.packages),
      os: Object.keys(CLOUD_OPTIONS.os),
      billing_period: CLOUD_OPTIONS.billingPeriods.map(String),
    };
  }

  listOrders(): Record<string, unknown>[] {
    this.jobs.runDue();
    return this.orders.map(orderView);
  }

  order(id: string): Record<string, unknown> {
    this.jobs.runDue();
    const order = this.orders.find((candidate) => String(candidate.identificator) === id);
    if (!order) throw new EmulatorError(404, "Order not found");
    return orderView(order);
  }

  createOrder(body: unknown): Record<string, unknown> {
    const fields = asObject(body);
    const errors: Record<string, string[]> = {};
    const datacenter = String(fields.datacenter ?? "");
    const pkg = String(fields.package ?? "");
    const os = String(fields.os ?? "");
    const period = Number(fields.billing_period);
    const key = String(fields.ssh_public_key ?? "");
    if (!CLOUD_OPTIONS.datacenters.includes(datacenter)) errors.datacenter = ["Invalid datacenter"];
    if (!CLOUD_OPTIONS.packages[pkg]) errors.package = ["Invalid package"];
    if (!CLOUD_OPTIONS.os[os]) errors.os = ["Invalid operating system"];
    if (!CLOUD_OPTIONS.billingPeriods.includes(period)) errors.billing_period = ["Invalid billing period"];
    if (!/^(ssh-|ecdsa-)\S+ \S+/.test(key)) errors.ssh_public_key = ["Invalid SSH public key"];
    if (Object.keys(errors).length) throw unprocessable("Validation failed", errors);
    const order: CloudOrder = {
      identificator: this.nextId++,
      status: "pending",
      datacenter,
      package: pkg,
      os,
      billing_period: period,
      ssh_public_key: key,
      container: null,
      createdAt: this.jobs.clock.now(),
      fails: this.failNext,
    };
    this.failNext = false;
    this.orders.push(order);
    this.scheduleOrder(order);
    return orderView(order);
  }

  vm(name: string): Record<string, unknown> {
    return vmView(this.find(name));
  }

  /** The stored VM, secrets included (for tests); undefined when absent. */
  stored(name: string): CloudVm | undefined {
    this.jobs.runDue();
    return this.vms.get(name);
  }

  resize(name: string, query: Record<string, string>): Record<string, unknown> {
    const vm = this.unlocked(name);
    const wanted = { cpu: optionalInt(query.vcpu, "vcpu"), ram: optionalInt(query.ram, "ram"), disk: optionalInt(query.disk, "disk") };
    if (wanted.disk !== undefined && wanted.disk * GB < vm.disk) throw unprocessable("Validation failed", { disk: ["Disk can not be shrunk"] });
    if (wanted.cpu !== undefined && (wanted.cpu < 1 || wanted.cpu > 16)) throw unprocessable("Validation failed", { vcpu: ["1-16"] });
    if (wanted.ram !== undefined && (wanted.ram < 1 || wanted.ram > 64)) throw unprocessable("Validation failed", { ram: ["1-64"] });
    if (wanted.cpu !== undefined) vm.cpu = wanted.cpu;
    if (wanted.ram !== undefined) vm.ram = wanted.ram * GB;
    if (wanted.disk !== undefined) vm.disk = wanted.disk * GB;
    this.startOperation(vm, this.timings.operationMs);
    return vmView(vm);
  }

  /**
   * "Execute specific action for virtual machine" lists only 200, 404 and
   * 500 (zoneid-openapi.json). So: an action outside the path's enum matches
   * no operation (404); an action whose end state the VM is already in or
   * heading to is a 200 that changes nothing; a VM busy with another
   * operation answers 500 "Process locked" (the intro's 400 "process locked"
   * is not among this operation's answers; `actionRefusals` switches to the
   * 400s, for tests that the client takes both). docs/zoneid.md lists the guess.
   */
  action(name: string, action: string): Record<string, unknown> {
    if (!["start", "reboot", "shutdown", "shutdown_hard"].includes(action)) throw new EmulatorError(404, "Endpoint not found");
    const vm = this.find(name);
    const target = action === "start" || action === "reboot" ? "running" : "stopped";
    if (action !== "reboot" && vm.target === target) {
      if (this.actionRefusals === "400") throw new EmulatorError(400, `Virtual machine is already ${target}`);
      return vmView(vm);
    }
    if (this.isLocked(vm)) throw new EmulatorError(this.actionRefusals === "400" ? 400 : 500, "Process locked");
    vm.state = target === "running" ? "starting" : "stopping";
    vm.target = target;
    this.startOperation(vm, action === "shutdown_hard" ? 0 : this.timings.operationMs);
    return vmView(vm);
  }

  setAccess(name: string, item: string, username: string, body: unknown): Record<string, unknown> {
    if (item !== "ssh" && item !== "password") throw new EmulatorError(404, "Endpoint not found");
    const vm = this.find(name);
    if (vm.username !== username) throw new EmulatorError(404, `No user ${username}`);
    const value = String(asObject(body).value ?? "");
    if (item === "ssh") {
      if (!/^(ssh-|ecdsa-)\S+ \S+/.test(value)) throw unprocessable("Validation failed", { value: ["Invalid SSH public key"] });
      vm.sshKey = value;
    } else {
      if (value.length < 8) throw unprocessable("Validation failed", { value: ["Password must be at least 8 characters"] });
      vm.password = value;
    }
    return vmView(vm);
  }

  delete(name: string): void {
    this.unlocked(name);
    this.vms.delete(name);
    this.jobs.cancel(vmJob(name));
  }

  /** Out-of-band changes, as made in the ZoneID web UI. */
  change(name: string, changes: Partial<Pick<CloudVm, "cpu" | "ram" | "disk" | "state" | "target">>): CloudVm {
    const vm = this.find(name);
    Object.assign(vm, changes);
    this.scheduleOperationEnd(vm);
    return vm;
  }

  remove(name: string): void {
    this.find(name);
    this.vms.delete(name);
    this.jobs.cancel(vmJob(name));
  }

  /** Holds the VM "process locked" for `ms`, as a long operation started elsewhere would. */
  lock(name: string, ms: number): void {
    this.startOperation(this.find(name), ms);
  }

  snapshot(): CloudSnapshot {
    return { nextId: this.nextId, orders: this.orders.map((order) => ({ ...order })), vms: [...this.vms.values()].map((vm) => ({ ...vm })) };
  }

  /** Expects the job clock cleared; schedules again every pending order and unfinished VM operation. */
  restore(snapshot: CloudSnapshot | undefined): void {
    this.nextId = snapshot?.nextId ?? 5000;
    this.orders = (snapshot?.orders ?? []).map((order) => ({ ...order }));
    this.vms = new Map((snapshot?.vms ?? []).map((vm) => [vm.name, { ...vm }]));
    for (const order of this.orders) if (order.status === "pending") this.scheduleOrder(order);
    for (const vm of this.vms.values()) this.scheduleOperationEnd(vm);
  }

  /** The order gains its container (or fails) `orderMs` after it was placed. */
  private scheduleOrder(order: CloudOrder): void {
    this.jobs.at(order.createdAt + this.timings.orderMs, () => this.completeOrder(order), `order:${order.identificator}`);
  }

  private completeOrder(order: CloudOrder): void {
    if (order.status !== "pending") return;
    if (order.fails) {
      order.status = "failed";
      return;
    }
    const spec = CLOUD_OPTIONS.packages[order.package];
    const os = CLOUD_OPTIONS.os[order.os];
    const name = `uvn-${String(order.identificator % 100).padStart(2, "0")}-${order.identificator}.${order.datacenter}.zonevs.eu`;
    order.status = "completed";
    order.container = name;
    const vm: CloudVm = {
      name,
      identificator: order.identificator,
      availability_zone: order.datacenter,
      os: order.os,
      username: os.user,
      package: order.package,
      ip: `198.51.100.${order.identificator % 250}`,
      cpu: spec.cpu,
      ram: spec.ramGb * GB,
      disk: spec.diskGb * GB,
      state: "starting",
      target: "running",
      lockedUntil: order.createdAt + this.timings.orderMs + this.timings.operationMs,
      sshKey: order.ssh_public_key,
      password: null,
      suspended: false,
    };
    this.vms.set(name, vm);
    this.scheduleOperationEnd(vm);
  }

  /** The VM is "process locked" for `ms`, then reaches its target state. */
  private startOperation(vm: CloudVm, ms: number): void {
    vm.lockedUntil = this.jobs.clock.now() + ms;
    this.scheduleOperationEnd(vm);
  }

  /** The job ending the VM's operation at `lockedUntil`; an operation already over ends now. */
  private scheduleOperationEnd(vm: CloudVm): void {
    const end = () => {
      if (vm.state !== vm.target) vm.state = vm.target;
    };
    if (vm.lockedUntil <= this.jobs.clock.now()) {
      this.jobs.cancel(vmJob(vm.name));
      end();
      return;
    }
    this.jobs.at(vm.lockedUntil, end, vmJob(vm.name));
  }

  /** Locked while the job ending its operation waits. */
  private isLocked(vm: CloudVm): boolean {
    return this.jobs.has(vmJob(vm.name));
  }

  private find(name: string): CloudVm {
    this.jobs.runDue();
    const vm = this.vms.get(name);
    if (!vm) throw new EmulatorError(404, "Cloudserver not found");
    return vm;
  }

  private unlocked(name: string): CloudVm {
    const vm = this.find(name);
    if (this.isLocked(vm)) throw new EmulatorError(400, "Process locked");
    return vm;
  }
}

function vmJob(name: string): string {
  return `vm:${name}`;
}

function orderView(order: CloudOrder): Record<string, unknown> {
  const { createdAt: _createdAt, fails: _fails, ...view } = order;
  return {
    ...view,
    package_human: order.package.toUpperCase(),
    os_human: `${CLOUD_OPTIONS.os[order.os]?.name ?? order.os} ${CLOUD_OPTIONS.os[order.os]?.version ?? ""}`.trim(),
    resource_url: `/order/cloud/${order.identificator}`,
  };
}

function vmView(vm: CloudVm): Record<string, unknown> {
  const os = CLOUD_OPTIONS.os[vm.os];
  return {
    resource_url: `/cloud/${vm.name}`,
    availability_zone: vm.availability_zone,
    os_human: `${os?.name ?? vm.os} ${os?.version ?? ""}`.trim(),
    os_version: os?.version ?? "",
    os_name: os?.name ?? vm.os,
    os_arch: "x86_64",
    username: vm.username,
    platform: "kvm",
    name: vm.name,
    label: "",
    host: vm.name,
    ip: vm.ip,
    identificator: vm.identificator,
    // Vm.package is an integer in the spec ("Name of the package", but typed integer): the package's number.
    package: Object.keys(CLOUD_OPTIONS.packages).indexOf(vm.package) + 1,
    package_shared_id: vm.identificator,
    state: vm.state,
    disk: vm.disk,
    ram: vm.ram,
    cpu: vm.cpu,
    suspended: vm.suspended,
    // `delegated` (a string: the owner's username when delegated) is left out for your own VMs.
  };
}

function optionalInt(value: string | undefined, field: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  if (!Number.isInteger(number)) throw unprocessable("Validation failed", { [field]: ["Must be an integer"] });
  return number;
}

function asObject(body: unknown): Record<string, unknown> {
  if (Array.isArray(body)) body = body[0];
  if (!body || typeof body !== "object") throw new EmulatorError(400, "Invalid request body");
  return body as Record<string, unknown>;
}
