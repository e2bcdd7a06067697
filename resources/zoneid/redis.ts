import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ResourceDefinition } from "../../provider/dynamic";
import { ApiError } from "../../provider/errors";
import { claimObject, releaseObject } from "../../provider/identity";
import { registerSecret } from "../../provider/redact";
import { onlyCandidate, writeReconciled } from "../../provider/reconcile";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ZoneidClient, zoneidClient } from "../../provider/zoneid/client";
import { RedisWire, redisWire } from "../../provider/zoneid/runtimeWire";
import { ArgsMatchSchema, Assert } from "../types";
import { commonShape } from "./hostingCollection";
import { importByServiceItem } from "./serviceImportIds";

const COLLECTION = "database/redis";
const RUNNING_STATUSES = ["online", "launching", "running"];
const isRunning = (item: RedisWire) => RUNNING_STATUSES.includes(item.status.toLowerCase());

export const redisArgs = z
  .object({
    service: commonShape.service,
    state: z.enum(["running", "stopped"], { error: "must be running or stopped" }).default("running"),
    restartTrigger: z.string({ error: "must be text" }).nullish().transform((value) => value ?? null),
    authKeyTrigger: z.string({ error: "must be text" }).nullish().transform((value) => value ?? null),
  })
  .strict();

/** The arguments of a `Redis` (`/vserver/{service}/database/redis`); see docs/zoneid.md. */
export interface RedisArgs {
  /**
   * The web hosting service whose Redis this is (its `service_name`, e.g.
   * `"example.com"`; lower-cased, trailing dot removed). A service has one
   * Redis. Changing it replaces the resource.
   */
  service: pulumi.Input<string>;
  /** `"running"` (default) or `"stopped"`: started or stopped through the API when Redis is not so. Changes in place. */
  state?: pulumi.Input<"running" | "stopped">;
  /** Any text; a new value restarts a running Redis once, e.g. a date. Default none. Changes in place. */
  restartTrigger?: pulumi.Input<string | null>;
  /**
   * Any text; a new value makes ZoneID generate a new auth key once
   * (`authKey` then holds it), e.g. `"2026-q3"`. Default none. Changes in place.
   */
  authKeyTrigger?: pulumi.Input<string | null>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<RedisArgs, typeof redisArgs>>;
type RedisInputs = z.output<typeof redisArgs>;

/** What a `Redis` adds to its inputs in state; each property is an output. */
export const redisState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** `"running"` when ZoneID reports the process up, else `"stopped"`. */
  state: z.enum(["running", "stopped"]),
  /** The process status as ZoneID reports it, e.g. `"online"` or `"stopped"`. */
  status: z.string(),
  /** Whether ZoneID reports Redis enabled. */
  enabled: z.boolean(),
  /** The auth key clients send with AUTH (secret). */
  authKey: z.string(),
  /** The host name clients connect to. */
  host: z.string(),
  /** The IP address clients connect to. */
  ip: z.string(),
  /** The port clients connect to (text, as ZoneID gives it). */
  port: z.string(),
});

const stateOf = (service: string, wire: RedisWire) => {
  registerSecret(wire.password || undefined);
  return { service, state: isRunning(wire) ? ("running" as const) : ("stopped" as const), status: wire.status, enabled: wire.enabled, authKey: wire.password, host: wire.host, ip: wire.ip, port: wire.port };
};

/** A service has one Redis: two resources of one program must not both manage it. */
const objectKey = (service: string) => `zoneid:/vserver/${service}/database/redis`;

type Context = Parameters<ResourceDefinition<RedisInputs, typeof redisState>["create"]>[1];

async function listRedis(client: ZoneidClient, service: string): Promise<RedisWire[]> {
  const items = await client.listServiceItems("vserver", service, COLLECTION, redisWire);
  if (items === undefined) throw new Error(`zoneid:Redis: the ZoneID account has no web hosting service ${service} (GET /vserver/${service}/database/redis answered 404)`);
  return items;
}

/**
 * Brings the live Redis to the inputs: start or stop when its status
 * differs; a changed `authKeyTrigger` regenerates the key once; a changed
 * `restartTrigger` restarts a running Redis once (not one just started).
 */
async function apply(client: ZoneidClient, id: string, news: RedisInputs, olds: Record<string, unknown> | undefined): Promise<RedisWire> {
  const { service } = news;
  let live = await client.getServiceItem("vserver", service, COLLECTION, id, redisWire);
  if (!live) throw new Error(`zoneid:Redis: the Redis of web hosting ${service} (id ${id}) no longer exists; run \`pulumi refresh\` and then \`pulumi up\``);
  const running = isRunning(live);
  if (olds && (olds.authKeyTrigger ?? null) !== news.authKeyTrigger) live = await client.webHostingItemAction(service, COLLECTION, id, "regenerateauth", redisWire);
  if (news.state === "running" && !running) live = await client.webHostingItemAction(service, COLLECTION, id, "start", redisWire);
  else if (news.state === "stopped" && running) live = await client.webHostingItemAction(service, COLLECTION, id, "stop", redisWire);
  else if (running && olds && (olds.restartTrigger ?? null) !== news.restartTrigger) live = await client.webHostingItemAction(service, COLLECTION, id, "restart", redisWire);
  return live;
}

/**
 * Activates the service's Redis (POST, no body), exactly once: a service
 * has one, so an active one, left by an interrupted create or activated in
 * the web UI, is taken instead of activating again.
 */
async function activate(inputs: RedisInputs, context: Context) {
  const client = zoneidClient(context.settings, context);
  const { service } = inputs;
  const existing = onlyCandidate(await listRedis(client, service), (item) => item.id, `zoneid:Redis of web hosting ${service}`);
  let made: RedisWire;
  if (existing) {
    context.logger.info(`activating Redis for web hosting ${service}: it is already active (an earlier, interrupted create, or the web UI); managing it`);
    made = existing;
  } else {
    made = await writeReconciled<RedisWire>({
      attempt: () =>
        client.createServiceItem("vserver", service, COLLECTION, redisWire, undefined).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 402) {
            throw new Error(`zoneid:Redis: web hosting ${service}'s package does not include Redis (ZoneID answered 402: package upgrade required)`);
          }
          throw error;
        }),
      find: async () => onlyCandidate(await listRedis(client, service), (item) => item.id, `zoneid:Redis of web hosting ${service}`),
      description: `activating Redis for web hosting ${service}`,
      clock: context.clock,
      logger: context.logger,
    });
  }
  return { id: made.id, state: stateOf(service, await apply(client, made.id, inputs, undefined)) };
}

export const redisDefinition: ResourceDefinition<RedisInputs, typeof redisState> = {
  kind: "zoneid:Redis",
  inputs: redisArgs,
  state: redisState,
  secretProperties: ["authKey"],
  replaceOnChanges: ["service"],
  // One Redis per service: a replacement must let go of the old one first.
  deleteBeforeReplace: true,
  /**
   * `service/id`: the web hosting service and its Redis's `id` as
   * `GET /vserver/{service}/database/redis` lists it, e.g. `example.com/1234`.
   */
  importId: importByServiceItem("service", "id", "example.com/1234"),

  /** A second resource of the program for the same service fails before any request, naming the service. */
  async create(inputs, context: Context) {
    const owner = context.creationTag ?? "untagged";
    claimObject(objectKey(inputs.service), owner, `zoneid:Redis of web hosting ${inputs.service} (\`service\`; a service has one Redis)`);
    return activate(inputs, context).catch((error: unknown) => {
      releaseObject(objectKey(inputs.service), owner);
      throw error;
    });
  },

  async read(id, state, context) {
    const item = await zoneidClient(context.settings, context).getServiceItem("vserver", state.service, COLLECTION, id, redisWire);
    return item ? stateOf(state.service, item) : undefined;
  },

  async update(id, olds, news, context) {
    return stateOf(news.service, await apply(zoneidClient(context.settings, context), id, news, olds));
  },

  /**
   * The API documents no way to deactivate Redis (no DELETE): delete stops
   * it and leaves it activated, with its data and auth key.
   */
  async delete(id, state, context) {
    const client = zoneidClient(context.settings, context);
    const live = await client.getServiceItem("vserver", state.service, COLLECTION, id, redisWire);
    if (live && isRunning(live)) await client.webHostingItemAction(state.service, COLLECTION, id, "stop", redisWire);
  },
};

/**
 * The Redis of a ZoneID web hosting service
 * (`/vserver/{service}/database/redis`): activated on create, started or
 * stopped per `state`, restarted or given a new auth key once when a
 * trigger changes. `authKey` is a secret output. ZoneID documents no way to
 * deactivate Redis: delete stops it and leaves it activated.
 */
export class Redis extends resourceClass<RedisArgs>()(redisDefinition) {}
