import { z } from "zod";
import { FieldError } from "../errors";
import { flag, idString, numberish, optionalNumber as lenientOptionalNumber, optionalText } from "../lenient";

/**
 * Gandi Simple Hosting v5 payloads (Gandi's Simple Hosting API v5 reference). Answers are
 * bare JSON (no envelope); lists are arrays paged with `page`/`per_page`, the
 * `Total-Count` header and a `Link` header pointing at the next page.
 */

/** The sizes Gandi sells today, and the legacy sizes older instances still have. */
export const CURRENT_SIZES = ["starter", "advanced", "pro", "business"] as const;
export const LEGACY_SIZES = ["s", "s+", "m", "l", "xl", "xxl"] as const;
/** PATCH `size` accepts only these legacy sizes ("Only supported for s, s+, m, l, xl, and xxl instances"). */
export const LEGACY_RESIZE_TARGETS = ["s+", "m", "l", "xxl"] as const;

export const INSTANCE_STATUSES = ["waiting_bill", "being_created", "active", "paused", "locked", "being_deleted"] as const;
export const VHOST_STATUSES = [
  "being_created",
  "running",
  "being_deleted",
  "locked",
  "waiting_ownership",
  "ownership_validated",
  "validation_failed",
] as const;
/** PATCH `booster_options.size` (reference: "One of"). */
export const BOOSTER_SIZES = ["s", "s+", "m", "l", "xl", "xxl", "starter", "advanced", "pro", "business", "boosted"] as const;
export const HTTPS_STRATEGIES = ["HTTP_only", "allow_HTTP_and_HTTPS", "redirect_HTTP_to_HTTPS"] as const;

/** A number that may be absent from the object entirely (zod treats a bare transform as a required key). */
const optionalNumber = lenientOptionalNumber.optional().transform((value) => value ?? null);

const quantity = z.object({ unit: z.string().default("GB"), value: numberish });
export type QuantityWire = z.infer<typeof quantity>;

/** A storage or RAM quantity in whole GB (the API reports MB or GB). */
export function gigabytes(value: QuantityWire | null | undefined): number | null {
  if (!value) return null;
  return value.unit.toUpperCase() === "MB" ? Math.round(value.value / 1024) : value.value;
}

const software = z
  .object({ name: z.string(), version: optionalText, status: optionalText })
  .passthrough();

const language = software.extend({ single_application: flag.nullish() });

export const applicationWire = z.object({
  name: z.string(),
  name_label: optionalText,
  requirements: z
    .array(
      z
        .object({
          database: software.nullish(),
          language: language.nullish(),
          instance_minimum_size: optionalText,
        })
        .passthrough(),
    )
    .nullish()
    .transform((value) => value ?? []),
});
export type ApplicationWire = z.infer<typeof applicationWire>;
export const applicationList = z.array(applicationWire);

const vhostLink = z.object({ fqdn: z.string(), href: optionalText }).passthrough();

const deployWire = z
  .object({
    cli: z.object({ init: optionalText }).passthrough().nullish(),
    git: z.object({ deploy: optionalText, remote: optionalText, url: optionalText }).passthrough().nullish(),
    sftp: z
      .object({ directory: optionalText, document_root: optionalText, server: optionalText, url: optionalText })
      .passthrough()
      .nullish(),
    vhost: vhostLink.nullish(),
  })
  .passthrough();

const upgradeWire = z
  .object({
    /** Not in the reference's schema, but PATCH `language_id` says the UUID "can be found in the upgrade_to field". */
    id: optionalText,
    name: z.string(),
    status: optionalText,
    type: optionalText,
    version: z.string(),
  })
  .passthrough();
export type UpgradeWire = z.infer<typeof upgradeWire>;

const boosterWire = z
  .object({
    current: z
      .object({
        status: optionalText,
        size_override: optionalText,
        expires_at: optionalText,
      })
      .passthrough()
      .nullish(),
    next: z
      .object({ available: flag.nullish(), available_at: optionalText, cooldown_days: optionalNumber })
      .passthrough()
      .nullish(),
  })
  .passthrough();

/** GET /instances/{id}; the list items carry a subset of these fields. */
export const instanceWire = z
  .object({
    id: idString,
    name: z.string(),
    size: z.string(),
    status: z.string(),
    created_at: optionalText,
    expire_at: optionalText,
    available_upgrade: flag.nullish(),
    snapshot_enabled: flag.nullish(),
    subscription_cancelled: flag.nullish(),
    password_updated_at: optionalText,
    domain: optionalText,
    cpu: optionalNumber,
    ram: quantity.nullish(),
    database: software.nullish(),
    language: language.nullish(),
    datacenter: z.object({ code: optionalText, name: optionalText, region: z.string() }).passthrough().nullish(),
    sharing_space: z.object({ id: idString, name: optionalText }).passthrough().nullish(),
    storage: z
      .object({ additional: quantity.nullish(), base: quantity.nullish(), total: quantity.nullish() })
      .passthrough()
      .nullish(),
    autorenew: z.object({ duration: optionalNumber, duration_type: optionalText }).passthrough().nullish(),
    vhosts: z.array(vhostLink).nullish(),
    access_information: z
      .object({
        admin_url: optionalText,
        user: optionalText,
        database: z
          .object({
            host: optionalText,
            port: optionalNumber,
            socket: optionalText,
            admins: z.array(z.object({ type: z.string(), url: z.string(), username: optionalText }).passthrough()).nullish(),
          })
          .passthrough()
          .nullish(),
        deploy: z.array(deployWire).nullish(),
      })
      .passthrough()
      .nullish(),
    console: z.object({ enabled: flag.nullish(), url: optionalText }).passthrough().nullish(),
    booster: boosterWire.nullish(),
    upgrade_to: z.array(upgradeWire).nullish(),
    compatible_applications: z.array(z.object({ name: z.string() }).passthrough()).nullish(),
  })
  .passthrough();
export type InstanceWire = z.infer<typeof instanceWire>;
export const instanceList = z.array(instanceWire);

export const usageWire = z.object({ disk_size_bytes: numberish, disk_used_bytes: optionalNumber }).passthrough();
export type UsageWire = z.infer<typeof usageWire>;

/** GET /instances/{id}/vhosts/{fqdn}: what the user must add to the zone when Gandi may not alter it. */
const linkedZoneWire = z
  .object({
    allow_alteration: flag.nullish(),
    last_checked_status: optionalText,
    last_checked_at: optionalText,
    cname: optionalText,
    domain: optionalText,
    ipv4: optionalText,
    ipv6: optionalText,
    is_alterable: flag.nullish(),
    is_root: flag.nullish(),
    key: optionalText,
    txt: optionalText,
  })
  .passthrough();
export type LinkedZoneWire = z.infer<typeof linkedZoneWire>;

export const vhostWire = z
  .object({
    fqdn: z.string(),
    status: z.string(),
    created_at: optionalText,
    is_a_test_vhost: flag.nullish(),
    https_strategy: optionalText,
    linked_dns_zone: linkedZoneWire.nullish(),
    application: z
      .object({ name: z.string(), status: optionalText, parameters: z.record(z.string(), z.unknown()).nullish() })
      .passthrough()
      .nullish(),
    certificates: z.array(z.object({ id: optionalText, href: optionalText, pending: flag.nullish() }).passthrough()).nullish(),
  })
  .passthrough();
export type VhostWire = z.infer<typeof vhostWire>;
export const vhostList = z.array(vhostWire);

/** Answers whose body is a confirmation message, or empty (204). */
export const acknowledgement = z.unknown();

/** `Dry-Run: 1` answer: 200 with a status and the validation errors. */
export const dryRunAnswer = z
  .object({
    status: z.string(),
    errors: z
      .array(z.object({ description: z.string(), location: optionalText, name: optionalText }).passthrough())
      .nullish()
      .transform((value) => value ?? []),
  })
  .passthrough();
export type DryRunAnswer = z.infer<typeof dryRunAnswer>;

// ---- request bodies ----------------------------------------------------

export interface VhostBody {
  fqdn?: string;
  application?: { name: string; parameters?: Record<string, unknown> };
  https_strategy?: string;
  linked_dns_zone?: { allow_alteration: boolean; allow_alteration_override?: boolean };
}

export interface InstanceCreateBody {
  location: string;
  size: string;
  name: string;
  type: {
    database: { name: string; version?: string };
    language: { name: string; version?: string };
  };
  authentication?: { password: string; ssh_keys?: string[]; keys?: string[] };
  autorenew?: boolean;
  duration?: number;
  duration_unit?: "m";
  snapshot_enabled?: boolean;
  storage_additional_size?: number;
  vhosts?: (VhostBody & { fqdn: string })[];
  domain?: FreeDomainBody;
}

/** A domain contact of POST /instances `domain` (reference: the domain API's contact object). */
export type DomainContactBody = Record<string, string | boolean | Record<string, unknown>>;

/** POST /instances `domain`: "To register a free domain name that will be linked to Web Hosting instance." */
export interface FreeDomainBody {
  fqdn: string;
  owner: DomainContactBody;
  admin?: DomainContactBody;
  bill?: DomainContactBody;
  tech?: DomainContactBody;
  lang?: string;
  extra_parameters?: Record<string, unknown>;
}

export interface InstancePatchBody {
  name?: string;
  size?: string;
  snapshot_enabled?: boolean;
  storage_additional_size?: number;
  password?: string;
  language_id?: string;
  booster?: boolean;
  booster_options?: { size: string };
}

const gandiErrorBody = z
  .object({
    cause: z.string().optional(),
    code: z.union([z.number(), z.string()]).optional(),
    message: z.string().optional(),
    object: z.string().optional(),
    errors: z
      .array(z.object({ name: z.string().optional(), location: z.string().optional(), description: z.string().optional() }).passthrough())
      .optional(),
  })
  .passthrough();

/**
 * Gandi's error text. Errors are `{ cause, code, message, object }`
 * (reference, every 401/403); validation failures add `errors: [{ name,
 * description }]`, read by `gandiFieldErrors`. All of it is kept, in the
 * vendor's words.
 */
export function gandiMessage(body: unknown): string | undefined {
  const parsed = gandiErrorBody.safeParse(body);
  if (parsed.success) {
    const { cause, message, object } = parsed.data;
    const head = message ?? cause;
    const context = [cause && cause !== head ? `cause: ${cause}` : undefined, object ? `object: ${object}` : undefined].filter(Boolean);
    const text = [head, context.length ? `(${context.join(", ")})` : undefined].filter(Boolean).join(" ");
    if (text) return text;
    if (parsed.data.errors?.length) return undefined;
  }
  if (typeof body === "string" && body.trim()) return body.trim().slice(0, 300);
  return undefined;
}

/** The fields an error answer names (`errors[].name`, "the xpath of the field"); nameless errors count against the request. */
export function gandiFieldErrors(body: unknown): FieldError[] {
  const parsed = gandiErrorBody.safeParse(body);
  if (!parsed.success) return [];
  return (parsed.data.errors ?? []).map((error) => ({ field: error.name ?? error.location ?? "request", message: error.description ?? "invalid" }));
}

/**
 * The segments of a field Gandi names: "the xpath of the field" (reference,
 * Dry-Run errors), seen as `type.language.version`; `/` and `[0]` forms are read too.
 */
export function fieldSegments(field: string): string[] {
  return field.split(/[./[\]]+/).filter(Boolean);
}

/** The last path segment of a Content-Location URL: the new object's id (an instance UUID, or a vhost's fqdn). */
export function idFromContentLocation(location: string | undefined, collection: "instances" | "vhosts"): string | undefined {
  if (!location) return undefined;
  const path = location.replace(/^[a-z]+:\/\/[^/]+/i, "").split("?")[0];
  const segments = path.split("/").filter(Boolean);
  const index = segments.lastIndexOf(collection);
  if (index < 0 || index + 1 >= segments.length) return undefined;
  return decodeURIComponent(segments[index + 1]);
}

/** Whether an RFC 8288 `Link` header has a rel="next" target. */
export function hasNextLink(link: string | undefined): boolean {
  if (!link) return false;
  return link.split(",").some((part) => /;\s*rel="?next"?/i.test(part));
}
