import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { serializableProvider } from "../../provider/dynamic";
import { withCreationTag } from "../../provider/identity";
import { crontabWire } from "../../provider/zoneid/serviceWire";
import { Inputs } from "../types";
import { hostingCollection } from "./hostingCollection";

const REPORTS = ["never", "onerror", "onoutputorerror", "onoutput", "always"] as const;
const TIMEZONES = ["UTC", "Europe/Tallinn", "Europe/Amsterdam", "Europe/Helsinki"] as const;
const RUNTIME_LIMITS = [900, 1800, 3600, 10800, 86340] as const;
const DEFAULT_TIMEZONE = "UTC";
const DEFAULT_RUNTIME_LIMIT = 900;

const crontab = hostingCollection({
  kind: "zoneid:Crontab",
  noun: "cron job",
  collection: "crontab",
  wire: crontabWire,
  fields: {
    /** A name, unique among the service's cron jobs (it is how an existing job is found for adoption). */
    name: z.string({ error: "is required" }).trim().min(1, "is required").max(100, "may be at most 100 characters"),
    /** "http" calls a URL, "system" runs a command on the server. */
    type: z.enum(["http", "system"], { error: "must be http or system" }),
    /** The URL (http) or the command path (system). */
    command: z.string({ error: "is required" }).trim().min(1, "is required"),
    /** Five cron fields: minute hour day-of-month month day-of-week, e.g. "*\/15 * * * *". */
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
    /** Only for type "system" (default UTC). */
    timezone: z.enum(TIMEZONES, { error: `must be one of ${TIMEZONES.join(", ")}` }).nullish(),
    /** Seconds; only for type "system" (default 900). */
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
export type CrontabArgs = Inputs<z.input<typeof crontabArgs>>;
export const crontabDefinition = crontab.definition;

/** A cron job of a ZoneID web hosting service (`/vserver/{service}/crontab`); every field updates in place. */
export class Crontab extends pulumi.dynamic.Resource {
  declare readonly service: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly type: pulumi.Output<string>;
  declare readonly command: pulumi.Output<string>;
  declare readonly schedule: pulumi.Output<string>;
  declare readonly active: pulumi.Output<boolean>;
  declare readonly timezone: pulumi.Output<string | null>;
  declare readonly runtimeLimit: pulumi.Output<number | null>;

  constructor(name: string, args: CrontabArgs, opts?: pulumi.CustomResourceOptions) {
    super(serializableProvider(crontabDefinition.kind), name, withCreationTag(crontabDefinition.kind, name, { ...args }, opts), opts, "zoneid", "Crontab");
  }
}
