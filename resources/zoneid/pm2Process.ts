import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { zoneidClient } from "../../provider/zoneid/client";
import { Pm2ProcessWire, pm2ProcessWire } from "../../provider/zoneid/runtimeWire";
import { ArgsMatchSchema, Assert } from "../types";
import { HostingExtra, HostingServiceArgs, hostingCollection } from "./hostingCollection";
import { importByServiceItem } from "./serviceImportIds";

const COLLECTION = "process/pm2";

/** PM2's own statuses in which the application is up (or coming up); any other (stopped, errored) is not running. */
const RUNNING_STATUSES = ["online", "launching"];
const isRunning = (item: Pm2ProcessWire) => RUNNING_STATUSES.includes(item.status.toLowerCase());

/**
 * The desired `state` and the `restartTrigger`, applied through
 * `POST …/process/pm2/{id}/start|stop|restart` after the item is saved: start
 * or stop when the live status differs; otherwise restart a running process
 * once when `restartTrigger` changed, or when `script` or `memoryLimit`
 * changed (PM2 takes them only when it starts the process).
 */
const runState: HostingExtra = {
  async apply(client, service, id, news, olds) {
    const live = await client.getServiceItem("vserver", service, COLLECTION, id, pm2ProcessWire);
    if (!live) return;
    const running = isRunning(live);
    if (news.state === "running" && !running) {
      await client.webHostingItemAction(service, COLLECTION, id, "start", pm2ProcessWire);
    } else if (news.state === "stopped" && running) {
      await client.webHostingItemAction(service, COLLECTION, id, "stop", pm2ProcessWire);
    } else if (running && olds && (olds.restartTrigger !== news.restartTrigger || olds.script !== news.script || olds.memoryLimit !== news.memoryLimit)) {
      await client.webHostingItemAction(service, COLLECTION, id, "restart", pm2ProcessWire);
    }
  },
  async read(client, service, id) {
    const live = await client.getServiceItem("vserver", service, COLLECTION, id, pm2ProcessWire);
    if (!live) return undefined;
    return { state: isRunning(live) ? "running" : "stopped", status: live.status, enabled: live.enabled };
  },
};

/** What a `Pm2Process` adds to its inputs in state; each property is an output. */
export const pm2ProcessState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** The process's name, unique among the service's PM2 processes. */
  name: z.string(),
  /** The script PM2 runs (the API's `scriptname`). */
  script: z.string(),
  /** The memory limit in MB. */
  memoryLimit: z.number(),
  /** `"running"` when PM2 reports the process `online` (or `launching`), else `"stopped"`. */
  state: z.enum(["running", "stopped"]),
  /** PM2's status as ZoneID reports it, e.g. `"online"`, `"stopped"`, `"errored"`. */
  status: z.string(),
  /** Whether ZoneID reports the application enabled. */
  enabled: z.boolean(),
  /** The application's home directory on the server. */
  homeDir: z.string(),
  /** The memory, in MB, the service can give applications; null when not reported. */
  availableMemory: z.number().nullable(),
});

const pm2Process = hostingCollection({
  kind: "zoneid:Pm2Process",
  state: pm2ProcessState,
  noun: "PM2 process",
  collection: COLLECTION,
  wire: pm2ProcessWire,
  fields: {
    name: z
      .string({ error: "is required" })
      .trim()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, "must be 1-64 letters, digits, dots, dashes or underscores"),
    script: z
      .string({ error: "is required: the script PM2 runs, e.g. server.js" })
      .trim()
      .min(1, "is required: the script PM2 runs, e.g. server.js")
      .max(255, "may be at most 255 characters")
      .refine((value) => !/\s/.test(value), "must be a path without spaces"),
    memoryLimit: z
      .number({ error: "must be a whole number of MB" })
      .int("must be a whole number of MB")
      .min(1, "must be at least 1 MB")
      .max(65536, "may be at most 65536 MB")
      .default(256),
    state: z.enum(["running", "stopped"], { error: "must be running or stopped" }).default("running"),
    restartTrigger: z.string({ error: "must be text" }).nullish().transform((value) => value ?? null),
  },
  idOf: (wire) => wire.id,
  key: { input: "name", ofWire: (wire) => wire.name },
  replaceOnChanges: [],
  secrets: [],
  updatable: true,
  toWire: (args) => ({ name: args.name, scriptname: args.script, memory_limit: args.memoryLimit }),
  // `state` comes from the extra read: the half-made process of an interrupted create is recognised by these fields alone.
  fromWire: (wire) => ({
    name: wire.name,
    script: wire.scriptname,
    memoryLimit: wire.memory_limit ?? 256,
    homeDir: wire.home_dir,
    availableMemory: wire.available_memory,
  }),
  extra: runState,
  inputForField: { scriptname: "script", memory_limit: "memoryLimit" },
});

export const pm2ProcessArgs = pm2Process.args;

/** The arguments of a `Pm2Process` (`/vserver/{service}/process/pm2`); see docs/zoneid.md. */
export interface Pm2ProcessArgs extends HostingServiceArgs {
  /**
   * The process's name, 1-64 letters, digits, dots, dashes or underscores,
   * unique among the service's PM2 processes; it is how an existing process is
   * found for adoption, e.g. `"api"`. Changes in place.
   */
  name: pulumi.Input<string>;
  /**
   * The script PM2 runs (the API's `scriptname`), e.g. `"server.js"` or
   * `"/data01/virt12345/app/server.js"`. Changes in place; a running process is restarted.
   */
  script: pulumi.Input<string>;
  /**
   * The most memory the process may use, in MB (default 256); ZoneID refuses
   * more than the service's `availableMemory`. Changes in place; a running process is restarted.
   */
  memoryLimit?: pulumi.Input<number>;
  /** `"running"` (default) or `"stopped"`: started or stopped through the API when the process is not so. Changes in place. */
  state?: pulumi.Input<"running" | "stopped">;
  /** Any text; a new value restarts a running process once, e.g. a release id. Default none. Changes in place. */
  restartTrigger?: pulumi.Input<string | null>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<Pm2ProcessArgs, typeof pm2ProcessArgs>>;

/**
 * The generic collection's lifecycle, with a delete that first stops a
 * running process: ZoneID refuses to delete one ("400: another process in
 * action or the app running").
 */
export const pm2ProcessDefinition: typeof pm2Process.definition = {
  ...pm2Process.definition,
  /**
   * `service/id`: the web hosting service and the process's `id` as
   * `GET /vserver/{service}/process/pm2` lists it, e.g. `example.com/1234`.
   */
  importId: importByServiceItem("service", "id", "example.com/1234"),
  async delete(id, state, context) {
    const client = zoneidClient(context.settings, context);
    const live = await client.getServiceItem("vserver", state.service as string, COLLECTION, id, pm2ProcessWire);
    if (!live) return;
    if (isRunning(live)) await client.webHostingItemAction(state.service as string, COLLECTION, id, "stop", pm2ProcessWire);
    await pm2Process.definition.delete(id, state, context);
  },
};

/**
 * A Node.js (or Python, shell, PHP…) application that PM2 runs on a ZoneID
 * web hosting service (`/vserver/{service}/process/pm2`). Every input
 * changes in place; `state` starts or stops it, a new `restartTrigger`
 * restarts it. Delete stops it first.
 */
export class Pm2Process extends resourceClass<Pm2ProcessArgs>()(pm2ProcessDefinition) {}
