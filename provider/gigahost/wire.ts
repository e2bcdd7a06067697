import { z } from "zod";
import { flag, idString, numberish, optionalNumber, optionalText } from "../lenient";
import { envelope, meta } from "./envelope";

/** Gigahost DNS payloads (docs/gigahost-dns.md); the other areas have their own files, re-exported here. */

export * from "./envelope";
export * from "./serverWire";
export * from "./bgpWire";
export * from "./domainWire";

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
 * Documented: `data.zone_id`. Live: `data` is `[]` (docs/gigahost-dns.md,
 * "DNS quirks handled"). Both are accepted: the id when there is one, else the
 * zone is found by name.
 */
export const zoneCreated = z
  .object({
    meta,
    data: z.union([z.array(z.unknown()), z.object({ zone_id: idString }).passthrough(), z.null()]).optional(),
  })
  .passthrough()
  .transform((answer) => ({ zoneId: answer.data && !Array.isArray(answer.data) ? answer.data.zone_id : undefined }));

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
  /** "initiate .no domain transfer"; `auth_code` is then required. */
  transfer_domain?: boolean;
  auth_code?: string;
  use_existing_ns?: boolean;
}
