import { z } from "zod";
import { flag, idString, numberish, optionalNumber, optionalText } from "../lenient";

/**
 * Gigahost payloads (gigahost-api.md). Every answer is an envelope
 * `{ meta: { status, status_message, message? }, data? }`.
 */

export const meta = z
  .object({
    status: numberish.optional(),
    status_message: z.string().optional(),
    message: z.string().optional(),
  })
  .passthrough();

export function envelope<T extends z.ZodType>(data: T) {
  return z.object({ meta, data });
}

/** An answer whose data we do not use (mutations answer with `meta` only). */
export const acknowledgement = z.object({ meta }).passthrough();

export const authenticateResponse = envelope(
  z.object({
    token: z.string().min(1),
    /** Unix seconds, sent as a string. */
    token_expire: numberish,
    customer_id: idString.optional(),
  }),
);

export const zoneWire = z.object({
  zone_id: idString,
  zone_name: z.string(),
  zone_type: z.string().nullish(),
  zone_active: flag.nullish(),
  zone_protected: flag.nullish(),
  zone_is_registered: flag.nullish(),
  domain_registrar: optionalText,
  domain_status: optionalText,
  domain_expiry_date: optionalText,
  domain_auto_renew: flag.nullish(),
  external_dns: flag.nullish(),
  record_count: optionalNumber,
});
export type ZoneWire = z.infer<typeof zoneWire>;

export const zoneList = envelope(z.array(zoneWire));

/**
 * Documented: `data.zone_id`. Live (verified behaviour 4): `data` is `[]`.
 * Both are accepted; the zone is found by name either way.
 */
export const zoneCreated = z
  .object({
    meta,
    data: z.union([z.array(z.unknown()), z.object({ zone_id: idString }).passthrough(), z.null()]).optional(),
  })
  .passthrough();

export const recordWire = z.object({
  record_id: idString,
  record_name: z.string(),
  record_type: z.string(),
  record_value: z.string(),
  record_ttl: numberish,
  record_priority: optionalNumber,
});
export type RecordWire = z.infer<typeof recordWire>;

export const recordList = envelope(z.array(recordWire));

/** The body of POST and PUT on `/dns/zones/{id}/records`. */
export interface RecordBody {
  record_name: string;
  record_type: string;
  record_value: string;
  record_ttl: number;
  record_priority?: number;
}

export interface ZoneBody {
  zone_name: string;
  zone_type: string;
  create_default_records: boolean;
}

/** Gigahost's error text: `meta.message`, sometimes `meta.error`. */
export function gigahostMessage(body: unknown): string | undefined {
  const parsed = z
    .object({ meta: z.object({ message: z.string().optional(), error: z.string().optional() }).passthrough() })
    .passthrough()
    .safeParse(body);
  if (parsed.success) return parsed.data.meta.message ?? parsed.data.meta.error;
  if (typeof body === "string" && body.trim()) return body.trim().slice(0, 300);
  return undefined;
}
