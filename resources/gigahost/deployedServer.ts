import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { normalizeHostname } from "../../provider/dns";
import { OperationContext, ResourceDefinition } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ApiError, ResourceInitializationError } from "../../provider/errors";
import { GigahostClient, gigahostClient } from "../../provider/gigahost/client";
import { DeployBody, DeployStatusWire, ServerWire } from "../../provider/gigahost/wire";
import { claimObject, tagIn, textWithTag, textWithoutTag } from "../../provider/identity";
import { waitFor } from "../../provider/poll";
import { createOnce, onlyCandidate } from "../../provider/reconcile";
import { registerSecret } from "../../provider/redact";
import { serverCollection, serverFactsFromWire, serverStatus } from "./server";
import { DeployInputs, DeployedServerArgs, deployedServerArgs } from "./deployedServerArgs";

// The server facts are written out again, not spread from serverFactsShape: doc comments do not
// cross modules in the built declarations, and users read these on hover.
export const deployedServerState = stateSchema({
  /** The descriptive name shown in the control panel (`srv_label`); null if the server has none. */
  label: z.string().nullable(),
  /** `"online"`, `"offline"`, `"installing"`, `"rescue"` or `"suspended"`. */
  status: z.string(),
  /** The data centre, e.g. `"DC2"`; null if not reported. */
  location: z.string().nullable(),
  /** The server type, e.g. `"vps"` or `"dedicated"`; null if not reported. */
  type: z.string().nullable(),
  /** The VPS technology, e.g. `"kvm"`; null for a dedicated server. */
  virtualization: z.string().nullable(),
  /** CPU cores; null if not reported. */
  cores: z.number().nullable(),
  /** Memory in GB; null if not reported. */
  ramGb: z.number().nullable(),
  /** The server's disks: `diskId`, `type` (e.g. `"SSD"`) and `sizeGb`. */
  disks: z.array(z.object({ diskId: z.string(), type: z.string().nullable(), sizeGb: z.number().nullable() })),
  /** The IPv4 addresses: `ipId` (for a `ReverseDns`), `address`, `reverse`, `type` (`"primary"`, `"extra"`), `netmask`, `gateway`. */
  ipv4: z.array(
    z.object({
      ipId: z.string(),
      address: z.string(),
      reverse: z.string().nullable(),
      type: z.string().nullable(),
      netmask: z.string().nullable(),
      gateway: z.string().nullable(),
    }),
  ),
  /** The IPv6 subnets: `subnetId` (for a `ReverseDns`), `cidr`, `gateway`, `nameServer`. */
  ipv6Subnets: z.array(z.object({ subnetId: z.string(), cidr: z.string().nullable(), gateway: z.string().nullable(), nameServer: z.string().nullable() })),
  /** The installed operating system: `osId` and `name`, null where not reported. */
  installedOs: z.object({ osId: z.string().nullable(), name: z.string().nullable() }),
  /** The id of the server the order delivered, e.g. for a `ReverseDns`, `ServerSnapshot` or `BgpSession`. */
  serverId: z.string(),
  /** The order this resource placed; null for a server adopted after a failed wait without one. */
  orderId: z.string().nullable(),
  /** The host name ordered (a reinstall elsewhere may change the live one without replacing the server). */
  hostname: z.string(),
  /** The control-panel name this resource manages; undefined when `name` is not set. */
  name: z.string().optional(),
  /**
   * The server's primary IPv4 address, e.g. for a DNS record's `destination`. Gigahost
   * gives every delivered server one (the listing's `srv_primary_ip`, the address of type
   * `primary`), so a successful create always sets it; null only if a refresh finds the
   * server without one, which the documents never show.
   */
  primaryIp: z.string().nullable(),
  /** The root password the deployment showed while installing; a secret. Null when it was never seen. */
  rootPassword: z.string().nullable(),
});
export type DeployedServerState = z.infer<typeof deployedServerState>;

const KIND = "gigahost:DeployedServer";

export function deployBody(inputs: DeployInputs): DeployBody {
  return {
    pid: Number(inputs.productId),
    price_id: Number(inputs.priceId),
    region_id: Number(inputs.regionId),
    ...(inputs.osId !== undefined ? { os_id: Number(inputs.osId) } : {}),
    ...(inputs.isoId !== undefined ? { iso_id: Number(inputs.isoId) } : {}),
    ...(inputs.rescue ? { rescue: 1 as const } : {}),
    billing_period: inputs.billingPeriod,
    quantity: 1,
    hostnames: [inputs.hostname],
    ssh_keys: inputs.sshKeys,
    backups: inputs.backups ? 1 : 0,
  };
}

/** The deployment ended without a server: the order vanished and the server is not in `/servers`. */
class DeploymentFailedError extends Error {}

const FINAL_STAGES = ["ready", "rescue", "iso"];

interface Progress {
  stage: string;
  server?: ServerWire;
}

function stateOf(wire: ServerWire, inputs: Pick<DeployInputs, "name" | "hostname">, orderId: string | null, rootPassword: string | null): DeployedServerState {
  const facts = serverFactsFromWire(wire);
  return {
    ...facts,
    label: facts.label === null ? null : textWithoutTag(facts.label),
    // The host name ordered: a reinstall elsewhere may change the live one, which must not force a new server.
    hostname: inputs.hostname,
    name: inputs.name == null ? undefined : facts.label === null ? undefined : textWithoutTag(facts.label),
    orderId,
    rootPassword,
  };
}

/**
 * Follows an order whose server id is known until the server is installed.
 * Orders vanish from `/deploy/status` when done AND when failed, so the
 * outcome is decided from `/servers`, whose transient omissions are
 * confirmed over repeated reads (ServerApi.find). The root password is only
 * shown while installing: it is kept when seen.
 */
async function waitUntilInstalled(
  client: GigahostClient,
  serverId: string,
  orderId: string | null,
  context: OperationContext,
  seen: { password: string | null },
): Promise<ServerWire> {
  const progress = await waitFor<Progress>(
    async () => {
      const order = orderId ? (await client.deploy.status([orderId])).find((entry) => entry.order_id === orderId) : undefined;
      if (order?.password) {
        registerSecret(order.password);
        seen.password = order.password;
      }
      // "rescue" and "iso" end deployments that boot the rescue system or an ISO, as "ready" ends an OS install.
      if (order && !FINAL_STAGES.includes(order.status)) return { stage: order.status };
      const server = await client.servers.find(serverId);
      if (!server) return { stage: "gone" };
      return { stage: server.srv_status_install ? "installing" : "ready", server };
    },
    (progress) => {
      if (progress.stage === "gone") {
        throw new DeploymentFailedError(
          `${KIND}: the deployment of server ${serverId}${orderId ? ` (order ${orderId})` : ""} failed: the order left the status view ` +
            "and the server stayed absent from the account (Gigahost reports no failure status; ask support why)",
        );
      }
      return progress.stage === "ready";
    },
    {
      description: `Gigahost server ${serverId} to be deployed`,
      deadline: context,
      describe: (progress) => progress.stage,
      initialDelayMs: 5_000,
      maxDelayMs: 30_000,
      clock: context.clock,
      logger: context.logger,
    },
  );
  return progress.server!;
}

/** An order this create placed or found, and what is known of its server so far. */
interface Deployment {
  orderId: string | null;
  serverId: string | null;
  password: string | null;
}

/**
 * Waits until the order names its server (or leaves the status view);
 * returns the server id. An order that vanished first is done or failed:
 * a server with our host name that was not there when this create began
 * means done.
 */
async function waitForServerId(client: GigahostClient, orderId: string, hostname: string, before: Set<string>, context: OperationContext) {
  const seen = await waitFor(
    async () => (await client.deploy.status([orderId])).find((entry) => entry.order_id === orderId),
    (order) => order === undefined || order.srv_id !== null,
    {
      description: `Gigahost order ${orderId} to be assigned a server`,
      deadline: context,
      describe: (order) => order?.status ?? "no longer listed",
      initialDelayMs: 5_000,
      maxDelayMs: 30_000,
      clock: context.clock,
      logger: context.logger,
    },
  );
  if (seen?.srv_id) return { serverId: seen.srv_id, password: seen.password };
  const server = (await client.servers.list()).find((candidate) => !before.has(candidate.srv_id) && candidate.srv_hostname === hostname);
  if (!server) {
    throw new DeploymentFailedError(
      `${KIND}: order ${orderId} left the status view without a server: the deployment failed (Gigahost reports no failure status; ask support why)`,
    );
  }
  return { serverId: server.srv_id, password: null };
}

/**
 * Orders in progress that have not named their server yet: the status view
 * says nothing else about an order (no host name), so whether one is this
 * resource's is only known once it has a server. Waits until each names its
 * server or leaves the view. Orders on the waitlist are skipped: this
 * resource never asks for the waitlist (a guess listed in docs/gigahost.md).
 */
async function settledOrders(client: GigahostClient, context: OperationContext): Promise<DeployStatusWire[]> {
  // Listing every order without `ids` is a guess (the documents give `?ids=`; docs/gigahost.md, "Behaviour guessed"): if refused, only /servers tells.
  const orders = await client.deploy.status().catch((error: unknown) => {
    if (!(error instanceof ApiError) || error.status === undefined || error.status >= 500 || error.status === 429) throw error;
    context.logger.info(`${KIND}: /deploy/status without ids was refused (${error.message}); looking in /servers only`);
    return [] as DeployStatusWire[];
  });
  const unassigned = orders.filter((order) => order.srv_id === null && order.status !== "waitlist").map((order) => order.order_id);
  if (unassigned.length === 0) return orders;
  context.logger.info(`${KIND}: waiting until order(s) ${unassigned.join(", ")} name their server, to tell whether one is this resource's`);
  const settled = await waitFor(
    () => client.deploy.status(unassigned),
    (pending) => pending.every((order) => order.srv_id !== null || order.status === "waitlist"),
    {
      description: `Gigahost order(s) ${unassigned.join(", ")} to be assigned a server`,
      deadline: context,
      describe: (pending) => pending.map((order) => `${order.order_id} ${order.status}`).join(", ") || "no longer listed",
      initialDelayMs: 5_000,
      maxDelayMs: 30_000,
      clock: context.clock,
      logger: context.logger,
    },
  );
  return [...orders.filter((order) => !unassigned.includes(order.order_id)), ...settled];
}

/**
 * The deployment an earlier, interrupted create of this resource made: a
 * server with this host name that is still being installed (and whose
 * label, if tagged, carries this resource's tag), or that carries this
 * resource's creation tag in its label (the tag is written as soon as the
 * server is known and removed when create completes, so a finished server,
 * e.g. the one a replacement replaces, is never taken). Never "new since a
 * snapshot": after a crash the snapshot would include the half-made server.
 */
async function findDeployment(client: GigahostClient, inputs: DeployInputs, context: OperationContext): Promise<Deployment | undefined> {
  const tag = context.creationTag;
  const orders = await settledOrders(client, context);
  const servers = await client.servers.list();
  // A server an order names may be transiently missing from /servers (docs/gigahost.md, "Vendor quirks handled"): confirm over repeated reads.
  for (const order of orders) {
    if (order.srv_id === null || servers.some((server) => server.srv_id === order.srv_id)) continue;
    const server = await client.servers.find(order.srv_id);
    if (server) servers.push(server);
  }
  const candidates = servers.filter((server) => {
    if (normalizeHostname(server.srv_hostname ?? "") !== inputs.hostname) return false;
    const carried = tagIn(server.srv_label);
    if (tag && carried === tag) return true;
    return carried === undefined && (Boolean(server.srv_status_install) || orders.some((order) => order.srv_id === server.srv_id));
  });
  const server = onlyCandidate(candidates, (candidate) => candidate.srv_id, `${KIND} ${inputs.hostname}`);
  if (!server) return undefined;
  const order = orders.find((candidate) => candidate.srv_id === server.srv_id);
  return { orderId: order?.order_id ?? null, serverId: server.srv_id, password: order?.password ?? null };
}

/** The label the server should end with: the `name` input, or the label it had without our tag. */
function finalLabel(server: ServerWire, inputs: Pick<DeployInputs, "name">): string | undefined {
  if (inputs.name !== undefined) return inputs.name;
  return tagIn(server.srv_label) !== undefined ? textWithoutTag(server.srv_label) : undefined;
}

/**
 * Writes the creation tag into the server's label while it is being made,
 * so a create interrupted after the installation finished still recognises
 * it. Best effort: the installing state and the host name identify it too.
 */
async function tagServer(client: GigahostClient, serverId: string, tag: string | undefined, context: OperationContext): Promise<void> {
  if (!tag) return;
  try {
    const server = await client.servers.get(serverId);
    if (!server || tagIn(server.srv_label) === tag) return;
    await client.servers.rename(serverId, textWithTag(textWithoutTag(server.srv_label), tag));
  } catch (error) {
    context.logger.info(`${KIND}: could not write the creation tag into the label of server ${serverId} (${error instanceof Error ? error.message : String(error)}); continuing`);
  }
}

/** Ends a create: the label becomes the `name` input (or loses the tag), so the server is no longer "being created". */
async function settleLabel(client: GigahostClient, server: ServerWire, inputs: Pick<DeployInputs, "name">): Promise<ServerWire> {
  const label = finalLabel(server, inputs);
  // A label cannot be emptied (the vendor requires a name): one that held only the tag keeps it.
  if (label === undefined || label === "" || label === server.srv_label) return server;
  await client.servers.rename(server.srv_id, label);
  return (await client.servers.find(server.srv_id)) ?? { ...server, srv_label: label };
}

export const deployedServerDefinition: ResourceDefinition<DeployInputs, typeof deployedServerState> = {
  kind: KIND,
  // The servers gigahost:Server resources manage too: a server one of them holds is never this kind's half-made deployment.
  holds: serverCollection("gigahost"),
  state: deployedServerState,
  secretProperties: ["rootPassword"],
  inputs: deployedServerArgs,
  replaceOnChanges: ["productId", "priceId", "regionId", "billingPeriod", "hostname", "osId", "isoId", "rescue", "sshKeys", "backups"],
  ignoreChanges: ["timeouts"],
  // Its inputs are the order's (product, price, region, billing period, install source, SSH keys,
  // backups): a server does not list them, and every one replaces, so an import would order a new server.
  notImportable:
    "it orders a new server (a one-off deployment whose product, price, region, billing period, install source and SSH keys " +
    "cannot be read back from the server); to manage an existing server, import it as euro-hosting:gigahost:Server",
  defaultTimeouts: { create: 60 * 60_000, update: 60 * 60_000, delete: 5 * 60_000 },

  async create(inputs, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    // Host names identify deployments after a crash: two resources of one program must not deploy the same one.
    claimObject(`gigahost:deployment:${inputs.hostname}`, context.creationTag ?? inputs.hostname, `${KIND} ${inputs.hostname} (the host name)`);
    // Servers that exist before this create's order: an order that vanishes before naming its server is decided against them.
    const serversBefore = new Set((await client.servers.list()).map((server) => server.srv_id));
    const { object: deployment, resumed } = await createOnce<Deployment>({
      attempt: async () => {
        const [orderId] = await client.deploy.order(deployBody(inputs));
        return { orderId, serverId: null, password: null };
      },
      find: () => findDeployment(client, inputs, context),
      description: `${KIND} ${inputs.hostname}: ordering`,
      clock: context.clock,
      logger: context.logger,
    });
    const placed = deployment.orderId;
    if (resumed) context.logger.info(`${KIND} ${inputs.hostname}: continuing with server ${deployment.serverId}${placed ? ` (order ${placed})` : ""}`);
    else context.logger.info(`${KIND} ${inputs.hostname}: order ${placed} placed`);

    const first = deployment.serverId
      ? { serverId: deployment.serverId, password: deployment.password }
      : await waitForServerId(client, placed!, inputs.hostname, serversBefore, context);
    const seen = { password: first.password };
    if (seen.password) registerSecret(seen.password);
    const serverId = first.serverId;
    await tagServer(client, serverId, context.creationTag, context);
    context.logger.info(`${KIND} ${inputs.hostname}: server ${serverId} is being deployed`);
    try {
      let server = await waitUntilInstalled(client, serverId, placed, context, seen);
      server = await settleLabel(client, server, inputs);
      return { id: serverId, state: stateOf(server, inputs, placed, seen.password) };
    } catch (error) {
      if (error instanceof DeploymentFailedError) throw error;
      // The server exists and is billed: keep its id so the next `pulumi up` goes on waiting instead of ordering again.
      const current = await client.servers.get(serverId).catch(() => undefined);
      const partial: Record<string, unknown> = current
        ? { ...inputs, ...stateOf(current, inputs, placed, seen.password) }
        : { ...inputs, serverId, orderId: placed, status: "deploying", rootPassword: seen.password };
      throw new ResourceInitializationError(serverId, partial, [error instanceof Error ? error.message : String(error)]);
    }
  },

  async read(id, state, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    const server = await client.servers.find(id);
    if (!server) return undefined;
    return stateOf(server, state, state.orderId ?? null, state.rootPassword ?? null);
  },

  async update(id, olds, news, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    const seen = { password: olds.rootPassword ?? null };
    let server = await client.servers.find(id);
    if (!server) throw new Error(`${KIND} ${id} no longer exists in the Gigahost account; run \`pulumi refresh\``);
    // Left deploying by an earlier `pulumi up` that ran out of time: go on waiting.
    if (server.srv_status_install || serverStatus(server) === "installing") {
      server = await waitUntilInstalled(client, id, olds.orderId ?? null, context, seen);
    }
    // A create that ran out of time left the creation tag in the label: the create is over now.
    server = await settleLabel(client, server, news);
    return stateOf(server, news, olds.orderId ?? null, seen.password);
  },

  async delete(id, _state, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    const outcome = await client.deploy.cancel(id);
    if (outcome === "cancelled") {
      context.logger.info(`${KIND} ${id}: cancelled (the server is terminated and no longer billed)`);
      return;
    }
    if (outcome === "gone") return;
    // A server that died while provisioning answers 400 (docs/gigahost.md, "Vendor quirks handled"): gone if it stays absent.
    if (await client.servers.find(id)) throw new Error(`${KIND} ${id}: Gigahost refused to cancel the server: ${outcome.refused}`);
    context.logger.info(`${KIND} ${id}: cancel was refused (${outcome.refused}) and the server is absent from the account: treating it as gone`);
  },
};

/**
 * A new Gigahost server, ordered through `POST /deploy/servers` and followed
 * until it is installed. Deleting the resource cancels the server (it is
 * terminated and no longer billed).
 */
export class DeployedServer extends resourceClass<DeployedServerArgs, "primaryIp">()(deployedServerDefinition) {}
