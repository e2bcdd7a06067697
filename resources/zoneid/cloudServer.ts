import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { OperationContext, ResourceDefinition, timeoutsInput } from "../../provider/dynamic";
import { CheckFailure } from "../../provider/inputs";
import { ApiError, ResourceInitializationError, camelCaseField, namingFieldsAs } from "../../provider/errors";
import { waitFor } from "../../provider/poll";
import { registerSecret } from "../../provider/redact";
import { createOnce, onlyCandidate } from "../../provider/reconcile";
import { ZoneidClient, zoneidClient } from "../../provider/zoneid/client";
import { CloudOrderWire, CloudServerWire } from "../../provider/zoneid/serviceWire";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { cloudServerImportId } from "./serviceImportIds";
import { normalizePublicKey } from "./sshKey";

const GB = 1024 ** 3;
const KIND = "zoneid:CloudServer";

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .number({ error: `must be a whole number of ${what} (${min}-${max})` })
    .int(`must be a whole number of ${what} (${min}-${max})`)
    .min(min, `must be at least ${min} ${what}`)
    .max(max, `must be at most ${max} ${what}`);

const optionName = (example: string) =>
  z
    .string({ error: `is required, e.g. "${example}" (see getCloudOrderOptions)` })
    .transform((value) => value.trim().toLowerCase())
    .refine((value) => /^[a-z0-9][a-z0-9._-]*$/.test(value), `must be an option name such as "${example}" (see getCloudOrderOptions)`);

export const cloudServerArgs = z
  .object({
    datacenter: optionName("tll01"),
    package: optionName("vps-s"),
    os: optionName("ubuntu-24.04"),
    billingPeriod: wholeNumber("months", 1, 36).default(1),
    sshPublicKey: z
      .string({ error: "is required: the default user's OpenSSH public key" })
      .transform(normalizePublicKey)
      .refine((key) => /^(ssh-(rsa|ed25519)|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+={0,2}( .*)?$/.test(key), "must be an OpenSSH public key (ssh-ed25519 AAAA…)"),
    password: z.string().min(8, "must be at least 8 characters").max(128, "must be at most 128 characters").nullish().transform((value) => value ?? null),
    vcpu: wholeNumber("vCPUs", 1, 16),
    ramGb: wholeNumber("GB", 1, 64),
    diskGb: wholeNumber("GB", 10, 2000),
    powerState: z.enum(["running", "stopped"], { error: "must be running or stopped" }).default("running"),
    rebootTrigger: z.string().nullish().transform((value) => value ?? null),
    timeouts: timeoutsInput,
  })
  .strict();

/** The arguments of a `CloudServer`; see docs/zoneid.md. */
export interface CloudServerArgs {
  /**
   * Availability zone, e.g. `"tll01"` (lower-cased; see `getCloudOrderOptions`).
   * Changing it orders a new server (the old one is deleted after).
   */
  datacenter: pulumi.Input<string>;
  /**
   * The package ordered, e.g. `"vps-s"`: the starting size and the price (see
   * `getCloudOrderOptions`). Changing it orders a new server.
   */
  package: pulumi.Input<string>;
  /** Operating system, e.g. `"ubuntu-24.04"` (see `getCloudOrderOptions`). Changing it orders a new server. */
  os: pulumi.Input<string>;
  /** Months per billing period, 1-36 (default 1). Changing it orders a new server. */
  billingPeriod?: pulumi.Input<number>;
  /**
   * The default user's OpenSSH public key, e.g. `"ssh-ed25519 AAAA… me@laptop"`: sent
   * with the order, later changed in place (`PUT /cloud/{name}/ssh/{user}`). Write-only
   * at the API: a change made elsewhere cannot be seen.
   */
  sshPublicKey: pulumi.Input<string>;
  /**
   * The default user's password, 8-128 characters (default: none set). Secret, and
   * write-only at the API. Changes in place.
   */
  password?: pulumi.Input<string | null>;
  /** Virtual CPUs, 1-16, e.g. 2. Changes in place (resize). */
  vcpu: pulumi.Input<number>;
  /** Memory in GB, 1-64, e.g. 4. Changes in place (resize). */
  ramGb: pulumi.Input<number>;
  /** Disk in GB, 10-2000, e.g. 40. Can only grow (a smaller value fails at preview). Changes in place (resize). */
  diskGb: pulumi.Input<number>;
  /** `"running"` (default) or `"stopped"`. Changes in place (start or shutdown). */
  powerState?: pulumi.Input<"running" | "stopped">;
  /** Any text; a new value reboots a running server, e.g. a date. Default none. Changes in place. */
  rebootTrigger?: pulumi.Input<string | null>;
  /** Deadlines for create (default 30m: the order, its build and the boot), update (20m) and delete (20m). */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<CloudServerArgs, typeof cloudServerArgs>>;
type CloudServerInputs = z.output<typeof cloudServerArgs>;

/** What a `CloudServer` adds to its inputs in state; each property is an output. */
export const cloudServerState = stateSchema({
  /** The order's identificator (also the Pulumi id). */
  orderId: z.string(),
  /**
   * The VM's host name, e.g. "uvn-12-345.tll01.zonevs.eu". Always set once `pulumi up`
   * succeeds: a create succeeds only once the order has built the VM. (The state of a
   * create that failed before the build finished holds null, which a program never
   * sees: its `pulumi up` fails, and the next one continues the create.)
   */
  hostName: z.string().nullable(),
  /** The VM's IP address; null while ZoneID's answer has none (its VM schema does not promise one). */
  ip: z.string().nullable(),
  /** The operating system's default user, e.g. "ubuntu": the user `sshPublicKey` and `password` are for. Set once the VM is built, as `hostName`. */
  username: z.string().nullable(),
  /** The operating system as ZoneID names it; null when ZoneID's answer omits it. */
  operatingSystem: z.string().nullable(),
  /** The VM state as ZoneID reports it (starting, running, stopping, stopped); null when its answer omits it. */
  state: z.string().nullable(),
  /** Virtual CPUs as the VM reports them. */
  vcpu: z.number(),
  /** Memory in GB as the VM reports it. */
  ramGb: z.number(),
  /** Disk in GB as the VM reports it. */
  diskGb: z.number(),
  /** `"running"` or `"stopped"`, from the VM's state. */
  powerState: z.string(),
  /** The password as last set by the program (secret; the API never returns it); null when none is set. */
  password: z.string().nullable(),
});
/** The inputs (without `timeouts`) and the state schema's properties: resource code keeps both. */
export type CloudServerState = Omit<CloudServerInputs, "timeouts"> & z.infer<typeof cloudServerState>;

/** Disks cannot shrink. */
export function cloudServerChangeProblems(olds: CloudServerInputs, news: CloudServerInputs): CheckFailure[] {
  return news.diskGb < olds.diskGb ? [{ property: "diskGb", reason: `can only grow (from ${olds.diskGb} GB); disks cannot shrink` }] : [];
}

/** "running" while starting or running, "stopped" while stopping or stopped. */
export function powerStateOf(state: string | null): "running" | "stopped" | null {
  if (state === "running" || state === "starting") return "running";
  if (state === "stopped" || state === "stopping") return "stopped";
  return null;
}

function stateFrom(previous: Omit<CloudServerInputs, "timeouts">, orderId: string, vm: CloudServerWire | undefined, hostName: string | null): CloudServerState {
  const { timeouts: _timeouts, ...inputs } = previous as CloudServerInputs;
  if (!vm) return { ...inputs, orderId, hostName, ip: null, username: null, operatingSystem: null, state: null };
  return {
    ...inputs,
    vcpu: vm.cpu ?? inputs.vcpu,
    ramGb: vm.ram === null ? inputs.ramGb : Math.round(vm.ram / GB),
    diskGb: vm.disk === null ? inputs.diskGb : Math.round(vm.disk / GB),
    powerState: powerStateOf(vm.state) ?? inputs.powerState,
    orderId,
    hostName: vm.name,
    ip: vm.ip,
    username: vm.username,
    operatingSystem: vm.os_human,
    state: vm.state,
  };
}

/** The access PUTs take `{ value }`: a refusal naming it concerns the input being set. */
const accessValueAs = (input: string) => (field: string) => (field === "value" ? input : field);

async function waitForPower(client: ZoneidClient, hostName: string, wanted: "running" | "stopped", context: OperationContext): Promise<CloudServerWire> {
  const vm = await waitFor(
    () => client.getCloudServer(hostName),
    (current) => {
      if (!current) throw new Error(`${KIND} ${hostName} disappeared while waiting for it to be ${wanted}`);
      return current.state === wanted;
    },
    { description: `cloud server ${hostName} to be ${wanted}`, deadline: context, describe: (current) => current?.state ?? "gone", clock: context.clock, logger: context.logger },
  );
  return vm!;
}

/**
 * Brings a built VM to the inputs: size, access, power state, reboot.
 * `olds` is undefined right after the order (the key was part of it).
 */
async function converge(client: ZoneidClient, hostName: string, news: CloudServerInputs, olds: CloudServerState | undefined, context: OperationContext): Promise<CloudServerWire> {
  let vm = await client.getCloudServer(hostName);
  if (!vm) throw new Error(`${KIND}: cloud server ${hostName} no longer exists; run \`pulumi refresh\` and then \`pulumi up\` to order a new one`);
  const size = {
    vcpu: vm.cpu === news.vcpu ? undefined : news.vcpu,
    ramGb: vm.ram !== null && Math.round(vm.ram / GB) === news.ramGb ? undefined : news.ramGb,
    diskGb: vm.disk !== null && Math.round(vm.disk / GB) === news.diskGb ? undefined : news.diskGb,
  };
  if (size.vcpu !== undefined || size.ramGb !== undefined || size.diskGb !== undefined) {
    vm = await client.resizeCloudServer(hostName, size);
  }
  const username = vm.username;
  if (olds && olds.sshPublicKey !== news.sshPublicKey) {
    await namingFieldsAs(accessValueAs("sshPublicKey"), () => client.setCloudServerAccess(hostName, "ssh", username, news.sshPublicKey));
  }
  if (news.password !== null && news.password !== (olds?.password ?? null)) {
    const password = news.password;
    await namingFieldsAs(accessValueAs("password"), () => client.setCloudServerAccess(hostName, "password", username, password));
  }
  const power = powerStateOf(vm.state);
  if (power !== news.powerState) {
    await client.cloudServerAction(hostName, news.powerState === "running" ? "start" : "shutdown");
  } else if (olds && olds.rebootTrigger !== news.rebootTrigger && news.powerState === "running") {
    await client.cloudServerAction(hostName, "reboot");
  }
  return waitForPower(client, hostName, news.powerState, context);
}

/** Waits for the order's container, then for the VM to be up. */
async function waitForBuild(client: ZoneidClient, orderId: string, context: OperationContext): Promise<string> {
  const order = await waitFor(
    () => client.getCloudOrder(orderId),
    (current) => {
      if (!current) throw new Error(`cloud server order ${orderId} disappeared`);
      if (/fail|cancel|reject|error/i.test(current.status)) throw new Error(`cloud server order ${orderId} ended "${current.status}"`);
      return Boolean(current.container);
    },
    { description: `cloud server order ${orderId} to be built`, deadline: context, describe: (current) => current?.status ?? "gone", clock: context.clock, logger: context.logger },
  );
  const hostName = order!.container!;
  await waitForPower(client, hostName, "running", context);
  return hostName;
}

function sameOrder(order: CloudOrderWire, inputs: CloudServerInputs): boolean {
  return (
    order.datacenter === inputs.datacenter &&
    order.package.toLowerCase() === inputs.package &&
    order.os.toLowerCase() === inputs.os &&
    (order.billing_period === null || order.billing_period === inputs.billingPeriod)
  );
}

/**
 * The key the order carries: the user's key with the creation tag as the
 * last word of its comment. An order has no note or label, but it keeps the
 * key it was placed with (`CloudOrder.ssh_public_key`), and an OpenSSH key's
 * comment is free text that login ignores.
 */
export function orderKeyWithTag(sshPublicKey: string, tag: string | undefined): string {
  return tag ? `${sshPublicKey} ${tag}` : sshPublicKey;
}

function orderCarriesTag(order: CloudOrderWire, tag: string): boolean {
  return (order.ssh_public_key ?? "").trim().split(/\s+/).pop() === tag;
}

const failed = (status: string) => /fail|cancel|reject|error/i.test(status);

/**
 * The order's choices as inputs, for an import (stored state without them):
 * what the server was ordered with, as `check` normalizes them. The VM's zone
 * stands in for a datacenter the order leaves out.
 */
function orderedInputs(order: CloudOrderWire, vm: CloudServerWire | undefined): Partial<CloudServerInputs> {
  const datacenter = order.datacenter ?? vm?.availability_zone ?? undefined;
  return {
    ...(datacenter ? { datacenter: datacenter.toLowerCase() } : {}),
    package: order.package.toLowerCase(),
    os: order.os.toLowerCase(),
    ...(order.billing_period !== null ? { billingPeriod: order.billing_period } : {}),
  };
}

/**
 * The order this resource's interrupted create placed, if any: one for the
 * same server (datacenter, package, os, billing period: a replacement that
 * changes one of them never picks the old order) that carries the creation
 * tag in its key and did not fail; once built, only while its VM exists (an
 * order outlives its deleted VM). Without a tag (an older program), an
 * order with the very same key that is still being built.
 */
async function findOrder(client: ZoneidClient, inputs: CloudServerInputs, tag: string | undefined): Promise<CloudOrderWire | undefined> {
  const orders = (await client.listCloudOrders()).filter(
    (order) =>
      sameOrder(order, inputs) &&
      !failed(order.status) &&
      (tag ? orderCarriesTag(order, tag) : normalizePublicKey(order.ssh_public_key ?? "") === inputs.sshPublicKey && order.container === null),
  );
  const live: CloudOrderWire[] = [];
  for (const order of orders) if (order.container === null || (await client.getCloudServer(order.container))) live.push(order);
  return onlyCandidate(live, (order) => order.identificator, `${KIND} (${inputs.package} in ${inputs.datacenter})`);
}

export const cloudServerDefinition: ResourceDefinition<CloudServerInputs, typeof cloudServerState, CloudServerState> = {
  kind: KIND,
  state: cloudServerState,
  secretProperties: ["password"],
  inputs: cloudServerArgs,
  replaceOnChanges: ["datacenter", "package", "os", "billingPeriod"],
  ignoreChanges: ["timeouts"],
  // Resize takes `ram` and `disk` (in GB, guessed); the order's fields are the inputs in snake_case.
  inputForField: (field) => ({ ram: "ramGb", disk: "diskGb" })[field] ?? camelCaseField(field),
  defaultTimeouts: { create: 30 * 60_000, update: 20 * 60_000, delete: 20 * 60_000 },
  checkChange: cloudServerChangeProblems,
  /**
   * `orderId`: the identificator of the order that built the server, e.g.
   * `5001` (`GET /order/cloud` lists each order with its `container`, the VM's
   * host name). Read takes datacenter, package, os and billing period from the
   * order; the SSH key and password are write-only, so an imported server has
   * them only once the next `pulumi up` sets the program's.
   */
  importId: cloudServerImportId,

  async create(inputs, context) {
    if (inputs.password) registerSecret(inputs.password);
    const client = zoneidClient(context.settings, context);
    const tag = context.creationTag;
    const { object: order } = await createOnce({
      attempt: () =>
        client.orderCloudServer({
          datacenter: inputs.datacenter,
          package: inputs.package,
          os: inputs.os,
          billing_period: inputs.billingPeriod,
          ssh_public_key: orderKeyWithTag(inputs.sshPublicKey, tag),
        }),
      find: () => findOrder(client, inputs, tag),
      description: `ordering a ${inputs.package} cloud server in ${inputs.datacenter}`,
      clock: context.clock,
      logger: context.logger,
    });
    const orderId = order.identificator;
    let hostName: string | null = order.container;
    try {
      hostName = await waitForBuild(client, orderId, context);
      const vm = await converge(client, hostName, inputs, undefined, context);
      return { id: orderId, state: stateFrom(inputs, orderId, vm, hostName) };
    } catch (error) {
      // The order is placed (and billed): keep it, so the next `pulumi up` continues instead of ordering again.
      const vm = hostName ? await client.getCloudServer(hostName).catch(() => undefined) : undefined;
      throw new ResourceInitializationError(orderId, { ...stateFrom(inputs, orderId, vm, hostName) }, [`cloud server order ${orderId} was placed, but: ${(error as Error).message}`]);
    }
  },

  async read(id, state, context) {
    const client = zoneidClient(context.settings, context);
    const order = await client.getCloudOrder(id);
    if (!order) return undefined;
    const vm = order.container ? await client.getCloudServer(order.container) : undefined;
    if (order.container && !vm) return undefined;
    // Every stored state has the datacenter but an import's.
    const previous = state.datacenter === undefined ? { ...state, ...orderedInputs(order, vm) } : state;
    return stateFrom(previous, id, vm, order.container);
  },

  async update(id, olds, news, context) {
    if (news.password) registerSecret(news.password);
    const client = zoneidClient(context.settings, context);
    // A server kept with an initialisation error may still be building.
    const hostName = olds.hostName && (await client.getCloudServer(olds.hostName)) ? olds.hostName : await waitForBuild(client, id, context);
    const vm = await converge(client, hostName, news, olds.hostName ? olds : undefined, context);
    return stateFrom(news, id, vm, hostName);
  },

  async delete(id, state, context) {
    const client = zoneidClient(context.settings, context);
    const hostName = state.hostName ?? (await client.getCloudOrder(id))?.container ?? null;
    if (!hostName) return;
    // DELETE answers 400 "process locked" while an operation runs: the client tries again within the deadline.
    await client.deleteCloudServer(hostName);
  },
};

/**
 * A ZoneID cloud server (VPS): ordered at `POST /order/cloud`, built
 * asynchronously (the order gains a container, the VM boots), then managed
 * at `/cloud/{host name}`. vCPU, RAM and disk (grow-only) resize in place;
 * `powerState` starts or shuts it down; a new `rebootTrigger` reboots it;
 * the SSH key and password of the default user change in place. Changing
 * datacenter, package, os or billing period orders a new server.
 */
export class CloudServer extends resourceClass<CloudServerArgs, "hostName" | "username">()(cloudServerDefinition) {}
