import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { crontabWire } from "../../provider/zoneid/serviceWire";
import { ArgsMatchSchema, Assert } from "../types";
import { HostingServiceArgs, hostingCollection } from "./hostingCollection";
import { importByServiceItem, numberedPart } from "./importIds";

const REPORTS = ["never", "onerror", "onoutputorerror", "onoutput", "always"] as const;
const TIMEZONES = ["UTC", "Europe/Tallinn", "Europe/Amsterdam", "Europe/Helsinki"] as const;
const RUNTIME_LIMITS = [900, 1800, 3600, 10800, 86340] as const;
const DEFAULT_TIMEZONE = "UTC";
const DEFAULT_RUNTIME_LIMIT = 900;

/** What a `Crontab` adds to its inputs in state; each property is an output. */
export const crontabState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** The job's name. */
  name: z.string(),
  /** `"http"` or `"system"`. */
  type: z.string(),
  /** The URL called or the command run. */
  command: z.string(),
  /** The five cron fields, whitespace normalized. */
  schedule: z.string(),
  /** Whether the job runs. */
  active: z.boolean(),
  /** When ZoneID mails the job's output. */
  report: z.string(),
  /** Where reports are mailed, or `""`. */
  reportEmail: z.string(),
  /** `"low"` or `"normal"`. */
  priority: z.string(),
  /** The schedule's time zone; null for `http` jobs, where it means nothing. */
  timezone: z.string().nullable(),
  /** The run time limit in seconds; null for `http` jobs, where it means nothing. */
  runtimeLimit: z.number().nullable(),
});

const crontab = hostingCollection({
  kind: "zoneid:Crontab",
  state: crontabState,
  noun: "cron job",
  collection: "crontab",
  wire: crontabWire,
  fields: {
    name: z.string({ error: "is required" }).trim().min(1, "is required").max(100, "may be at most 100 characters"),
    type: z.enum(["http", "system"], { error: "must be http or system" }),
    command: z.string({ error: "is required" }).trim().min(1, "is required"),
    schedule: z
      .string({ error: "is required" })
      .transform((value) => value.trim().replace(/\s+/g, " "))
      .refine((value) => /^[\d*\/,\-A-Za-z]+( [\d*\/,\-A-Za-z]+){4}$/.test(value), "must be five cron fields, e.g. \"0 3 * * *\""),
    active: z.boolean({ error: "must be true or false" }).default(true),
    report: z.enum(REPORTS, { error: `must be one of ${REPORTS.join(", ")}` }).default("onerror"),
    reportEmail: z
      .string()
      .trim()
      .toLowerCase()
      .refine((value) => value === "" || /^[^@\s]+@[^@\s]+\.[^@\s.]+$/.test(value), "must be an e-mail address or empty")
      .default(""),
    priority: z.enum(["low", "normal"], { error: "must be low or normal" }).default("normal"),
    timezone: z.enum(TIMEZONES, { error: `must be one of ${TIMEZONES.join(", ")}` }).nullish(),
    runtimeLimit: z.union(RUNTIME_LIMITS.map((limit) => z.literal(limit)), { error: `must be one of ${RUNTIME_LIMITS.join(", ")}` }).nullish(),
  },
  refine: (args, context) => {
    if (args.type === "http") {
      if (args.timezone != null) context.addIssue({ code: "custom", path: ["timezone"], message: 'applies only to type "system" jobs' });
      if (args.runtimeLimit != null) context.addIssue({ code: "custom", path: ["runtimeLimit"], message: 'applies only to type "system" jobs' });
      if (!/^https?:\/\/\S+$/i.test(args.command)) context.addIssue({ code: "custom", path: ["command"], message: "an http job's command is the URL to call, e.g. https://example.com/cron.php" });
    } else if (!args.command.startsWith("/") && !args.command.startsWith("~")) {
      context.addIssue({ code: "custom", path: ["command"], message: "a system job's command is a path on the server, e.g. /data01/virt12345/cron.sh" });
    }
  },
  normalize: (args) =>
    args.type === "system"
      ? { ...args, timezone: args.timezone ?? DEFAULT_TIMEZONE, runtimeLimit: args.runtimeLimit ?? DEFAULT_RUNTIME_LIMIT }
      : { ...args, timezone: null, runtimeLimit: null },
  idOf: (wire) => wire.identificator,
  key: { input: "name", ofWire: (wire) => wire.name },
  replaceOnChanges: [],
  secrets: [],
  updatable: true,
  toWire: (args) => ({
    name: args.name,
    type: args.type,
    command: args.command,
    schedule: args.schedule,
    active: args.active,
    report: args.report,
    report_email: args.reportEmail,
    priority: args.priority,
    ...(args.type === "system" ? { timezone: args.timezone, runtime_limit: args.runtimeLimit } : {}),
  }),
  fromWire: (wire) => ({
    name: wire.name,
    type: wire.type,
    command: wire.command,
    schedule: wire.schedule.trim().replace(/\s+/g, " "),
    active: wire.active,
    report: wire.report ?? "onerror",
    reportEmail: wire.report_email.toLowerCase(),
    priority: wire.priority ?? "normal",
    // The API may echo system-only settings on http jobs; they mean nothing there.
    timezone: wire.type === "system" ? (wire.timezone ?? DEFAULT_TIMEZONE) : null,
    runtimeLimit: wire.type === "system" ? (wire.runtime_limit ?? DEFAULT_RUNTIME_LIMIT) : null,
  }),
});

export const crontabArgs = crontab.args;

/** The arguments of a `Crontab` (`/vserver/{service}/crontab`); see docs/zoneid.md. Every field changes in place. */
export interface CrontabArgs extends HostingServiceArgs {
  /**
   * A name for the job, unique among the service's cron jobs (1-100 characters);
   * it is how an existing job is found for adoption, e.g. `"nightly-cleanup"`. Changes in place.
   */
  name: pulumi.Input<string>;
  /** `"http"` calls a URL, `"system"` runs a command on the server. Changes in place. */
  type: pulumi.Input<"http" | "system">;
  /**
   * What runs: for `http`, the http(s) URL to call, e.g. `"https://example.com/cron.php"`;
   * for `system`, an absolute path on the server, e.g. `"/data01/virt12345/cron.sh"`. Changes in place.
   */
  command: pulumi.Input<string>;
  /**
   * Five cron fields, minute hour day-of-month month day-of-week, e.g.
   * `"*\/15 * * * *"` or `"0 3 * * *"` (whitespace normalized). Changes in place.
   */
  schedule: pulumi.Input<string>;
  /** Whether the job runs (default true). Changes in place. */
  active?: pulumi.Input<boolean>;
  /**
   * When ZoneID mails the job's output: `"never"`, `"onerror"` (default),
   * `"onoutputorerror"`, `"onoutput"` or `"always"`. Changes in place.
   */
  report?: pulumi.Input<(typeof REPORTS)[number]>;
  /** Where reports are mailed, e.g. `"ops@example.com"`, or `""` (default) for none given. Changes in place. */
  reportEmail?: pulumi.Input<string>;
  /** `"low"` or `"normal"` (default). Changes in place. */
  priority?: pulumi.Input<"low" | "normal">;
  /**
   * The time zone of the schedule, only for type `system`: `"UTC"` (default),
   * `"Europe/Tallinn"`, `"Europe/Amsterdam"` or `"Europe/Helsinki"`. Changes in place.
   */
  timezone?: pulumi.Input<(typeof TIMEZONES)[number] | null>;
  /**
   * How long the job may run, in seconds, only for type `system`: 900 (default),
   * 1800, 3600, 10800 or 86340. Changes in place.
   */
  runtimeLimit?: pulumi.Input<(typeof RUNTIME_LIMITS)[number] | null>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<CrontabArgs, typeof crontabArgs>>;
export const crontabDefinition: typeof crontab.definition = {
  ...crontab.definition,
  /**
   * `service/identificator`, e.g. `example.com/1234`: the web hosting service
   * and the number `GET /vserver/{service}/crontab` lists for the job (the
   * resource's id).
   */
  importId: importByServiceItem(numberedPart("identificator"), "example.com/1234"),
};

/** A cron job of a ZoneID web hosting service (`/vserver/{service}/crontab`); every field updates in place. */
export class Crontab extends resourceClass<CrontabArgs>()(crontabDefinition) {}
