import { z } from "zod";
import { flag, idString, numberish, optionalNumber, optionalText } from "../lenient";

/**
 * Gigahost payloads (docs/gigahost.md, docs/gigahost-dns.md). Every answer is an envelope
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

// ---- servers (Gigahost's API documentation, "servers"; same objects at Terrahost) ----

export const serverIpWire = z.object({
  ip_id: idString,
  sub_id: idString.nullish(),
  ip_v4v6: z.string().nullish(),
  ip_address: z.string(),
  ip_reverse: optionalText,
  ip_type: optionalText,
  ip_netmask: optionalText,
  ip_gateway: optionalText,
  ip_routed_to: idString.nullish(),
});
export type ServerIpWire = z.infer<typeof serverIpWire>;

export const serverSubnetWire = z.object({
  sub_id: idString,
  sub_type: optionalText,
  sub_network: optionalText,
  sub_netmask: optionalText,
  sub_gateway: optionalText,
  sub_cidr: optionalText,
  sub_location: optionalText,
  /** The name server the subnet's reverse zone is delegated to ("" when none). */
  sub_ns: optionalText,
});
export type ServerSubnetWire = z.infer<typeof serverSubnetWire>;

export const serverDiskWire = z.object({
  hdd_id: idString,
  hdd_type: optionalText,
  hdd_size: optionalNumber,
  hdd_model: optionalText,
});

/**
 * `GET /servers` lists a summary (with `srv_primary_ip`); `GET /servers/{id}`
 * adds `hdds` and `subnets` and answers a one-element array.
 */
export const serverWire = z.object({
  srv_id: idString,
  srv_name: optionalText,
  srv_label: optionalText,
  srv_hostname: optionalText,
  srv_status: flag.nullish(),
  srv_status_rescue: flag.nullish(),
  srv_status_install: flag.nullish(),
  srv_status_snapshot: flag.nullish(),
  srv_suspended: flag.nullish(),
  srv_location: optionalText,
  srv_type: optionalText,
  srv_vps_type: optionalText,
  srv_cores: optionalNumber,
  /** Gigabytes. */
  srv_ram: optionalNumber,
  srv_primary_ip: optionalText,
  srv_date_created: optionalNumber,
  os_id: idString.nullish(),
  os: z
    .object({ os_id: idString.nullish(), os_name: optionalText, os_release: optionalText })
    .nullish(),
  hdds: z.array(serverDiskWire).nullish(),
  ips: z.array(serverIpWire).nullish(),
  subnets: z.array(serverSubnetWire).nullish(),
  cancelled: z.unknown().optional(),
});
export type ServerWire = z.infer<typeof serverWire>;

export const serverList = envelope(z.array(serverWire));
export const serverDetail = envelope(z.union([z.array(serverWire), serverWire]));

/** `GET /servers/{id}/powerstate`: the answer is in `meta.powerstate`. */
export const powerStateResponse = z
  .object({ meta: meta.extend({ powerstate: flag.nullish() }) })
  .passthrough();

export const snapshotWire = z.object({
  snap_id: idString,
  srv_id: idString.nullish(),
  snap_name: optionalText,
  snap_display_name: z.string(),
  snap_time: optionalNumber,
  snap_state: z.string(),
});
export type SnapshotWire = z.infer<typeof snapshotWire>;

export const snapshotList = envelope(z.array(snapshotWire).nullish().transform((list) => list ?? []));

export const distributionWire = z.object({
  dist_id: idString,
  dist_name: z.string(),
  dist_value: optionalText,
  dist_active: flag.nullish(),
});
export type DistributionWire = z.infer<typeof distributionWire>;
export const distributionList = envelope(z.array(distributionWire));

export const operatingSystemWire = z.object({
  os_id: idString,
  dist_id: idString.nullish(),
  os_name: z.string(),
  os_release: optionalText,
  os_dist: optionalText,
  os_arch: optionalText,
  os_dedicated_only: flag.nullish(),
  os_minram: optionalNumber,
});
export type OperatingSystemWire = z.infer<typeof operatingSystemWire>;
export const operatingSystemList = envelope(z.array(operatingSystemWire));

/** `POST /servers/{id}/reinstall`: the root password arrives in `meta.root_passwd`. */
export const reinstallResponse = z
  .object({ meta: meta.extend({ root_passwd: z.string().min(1) }) })
  .passthrough();

export interface ReinstallBody {
  os_id: number;
  language: string;
  keyboard: string;
  timezone: string;
  hostname: string;
}

/** IPv4: `{ip_id, dns}`; an IPv6 subnet (NS delegation): `{sub_id, dns}`. */
export type ReverseBody = { ip_id: number; dns: string } | { sub_id: number; dns: string };

export const upgradePackageWire = z.object({
  pkg_id: idString,
  product_id: idString.nullish(),
  pkg_name: optionalText,
  pkg_cores: optionalNumber,
  /** Megabytes. */
  pkg_ram: optionalNumber,
  /** Gigabytes. */
  pkg_disk: optionalNumber,
  product_name: optionalText,
  product_price: optionalText.or(z.number().transform(String)),
});
export type UpgradePackageWire = z.infer<typeof upgradePackageWire>;
/** Live, the list's shape differs from the docs (docs/gigahost.md, "Vendor quirks handled"): accept an array or an object of packages. */
export const upgradePackageList = envelope(
  z.union([z.array(upgradePackageWire), z.record(z.string(), upgradePackageWire).transform((byKey) => Object.values(byKey))]),
);

// ---- BGP (Gigahost's API documentation, "bgp") ----

export const asnWire = z.object({
  id: idString,
  asn: idString,
  asn_name: optionalText,
  asn_country: optionalText,
  status: z.string(),
  rejected_reason: optionalText,
});
export type AsnWire = z.infer<typeof asnWire>;

export const sessionWire = z.object({
  id: idString,
  asn_id: idString,
  srv_id: idString.nullish(),
  router_id: idString.nullish(),
  ip_id: idString,
  ip_type: z.string(),
  defaultroute: flag.nullish(),
  status: z.string(),
  neighbor_ipv4: optionalText,
  neighbor_ipv6: optionalText,
  router_asn: idString.nullish(),
  ip_address: optionalText,
});
export type SessionWire = z.infer<typeof sessionWire>;

export const bgpOverview = envelope(
  z.object({
    asn: z.array(asnWire).nullish().transform((list) => list ?? []),
    prefix_lists: z.array(z.unknown()).nullish().transform((list) => list ?? []),
    sessions: z.array(sessionWire).nullish().transform((list) => list ?? []),
  }),
);
export type BgpOverview = z.infer<typeof bgpOverview>["data"];

export interface SessionBody {
  redundant: 0 | 1;
  defaultroute: 0 | 1;
  ip_id_v4?: number;
  ip_id_v6?: number;
}

// ---- domains (Gigahost's API documentation, "dns/domains", "dns/lookup") ----

export const domainCheck = envelope(
  z.object({
    domain: z.string(),
    available: flag,
    reason: optionalText,
  }),
);
export type DomainCheckWire = z.infer<typeof domainCheck>["data"];

export const organizationLookup = envelope(
  z.object({
    company_name: z.string(),
    address: optionalText,
    zip_code: optionalText,
    city: optionalText,
  }),
);
export type OrganizationWire = z.infer<typeof organizationLookup>["data"];

// ---- deploy (Gigahost's API documentation, "Deploying new servers": field names, not full examples; docs/gigahost.md, "Behaviour guessed") ----

export const deployProductWire = z
  .object({
    product_id: idString,
    product_name: optionalText,
    price_id: idString,
    /** Monthly price as listed; text or number. */
    price: optionalText.or(z.number().transform(String)),
    cores: optionalNumber,
    /** Gigabytes. */
    ram: optionalNumber,
    /** Gigabytes. */
    disk: optionalNumber,
    region_ids: z.array(idString).nullish().transform((list) => list ?? []),
    allow_hourly: flag.nullish(),
  })
  .passthrough();
export type DeployProductWire = z.infer<typeof deployProductWire>;

export const deployCatalog = envelope(
  z
    .object({
      tiers: z
        .array(
          z
            .object({
              tier_id: idString.nullish(),
              tier_name: optionalText,
              products: z.array(deployProductWire).nullish().transform((list) => list ?? []),
            })
            .passthrough(),
        )
        .nullish()
        .transform((list) => list ?? []),
      regions: z
        .array(z.object({ region_id: idString, region_name: optionalText, region_location: optionalText }).passthrough())
        .nullish()
        .transform((list) => list ?? []),
      eligibility: z.object({ can_deploy: flag.nullish(), reason: optionalText }).passthrough().nullish(),
    })
    .passthrough(),
);
export type DeployCatalogWire = z.infer<typeof deployCatalog>["data"];

/** `POST /deploy/servers` answers the new order ids (numbers). */
export const deployOrdered = envelope(z.object({ order_ids: z.array(idString) }).passthrough());

/** A server id that is not assigned yet arrives as null, 0 or "". */
const assignedId = z
  .union([idString, z.literal(""), z.null()])
  .optional()
  .transform((value) => (value === undefined || value === null || value === "" || value === "0" ? null : value));

/** One order in `GET /deploy/status`; done and failed orders are no longer listed. */
export const deployStatusWire = z.object({
  order_id: idString,
  /** waitlist, waiting, deploying, installing, ready, rescue or iso. */
  status: z.string(),
  srv_id: assignedId,
  ip: optionalText,
  ipv6: optionalText,
  /** Only while installing. */
  password: optionalText,
});
export type DeployStatusWire = z.infer<typeof deployStatusWire>;
export const deployStatusList = envelope(z.array(deployStatusWire).nullish().transform((list) => list ?? []));

export interface DeployBody {
  pid: number;
  price_id: number;
  region_id: number;
  os_id?: number;
  iso_id?: number;
  rescue?: 1;
  billing_period: "hourly" | "monthly" | "quarterly" | "annual";
  quantity: 1;
  hostnames: string[];
  ssh_keys: string[];
  backups: 0 | 1;
}

// ---- settings of registered zones (docs/gigahost.md, "DomainSettings (Gigahost)") ----

export const registrantResponse = envelope(
  z
    .object({
      contact_id: optionalText,
      name: optionalText,
      organization: optionalText,
      email: optionalText,
      type: optionalText,
    })
    .passthrough(),
);

/**
 * A DS record. The docs spell the POST fields keyTag/alg/digestType/digest;
 * listings are accepted in that spelling or snake_case.
 */
export const dsRecordWire = z
  .object({
    keyTag: numberish.optional(),
    key_tag: numberish.optional(),
    alg: numberish.optional(),
    algorithm: numberish.optional(),
    digestType: numberish.optional(),
    digest_type: numberish.optional(),
    digest: z.string(),
  })
  .passthrough()
  .transform((record) => ({
    keyTag: record.keyTag ?? record.key_tag ?? null,
    algorithm: record.alg ?? record.algorithm ?? null,
    digestType: record.digestType ?? record.digest_type ?? null,
    digest: record.digest.toUpperCase(),
  }));
export type DsRecordWire = z.infer<typeof dsRecordWire>;
/**
 * The documents do not show the GET answers: a list in `data` is our guess,
 * and `data.ds_records` (the wrapper our POST sends) is accepted as well.
 */
export const dsRecordList = envelope(
  z
    .union([z.array(dsRecordWire), z.object({ ds_records: z.array(dsRecordWire).nullish() }).passthrough()])
    .nullish()
    .transform((data) => (Array.isArray(data) ? data : (data?.ds_records ?? []))),
);

export interface DsRecordBody {
  keyTag: number;
  alg: number;
  digestType: number;
  digest: string;
}

export const redirectWire = z.object({ source: z.string(), target_url: z.string() }).passthrough();
export type RedirectWire = z.infer<typeof redirectWire>;
export const redirectList = envelope(z.array(redirectWire).nullish().transform((list) => list ?? []));

/** `POST /dns/zones/ptr` answers `data.zone_id` (docs/gigahost.md, "PtrZone (Gigahost)"). */
export const ptrZoneCreated = envelope(z.object({ zone_id: idString }).passthrough());

/** `POST /dns/domains/register` answers the new zone. */
export const domainRegistered = envelope(
  z
    .object({
      zone_id: idString,
      domain_name: optionalText,
      expires_at: optionalText,
      status: optionalText,
    })
    .passthrough(),
);

export type RegistrantBody =
  | { registrant_type: "organization"; org_number: string; company_name: string }
  | { registrant_type: "person"; pid: string; first_name: string; last_name: string };

export type RegisterBody = RegistrantBody & {
  domain_name: string;
  email: string;
  applicant_name: string;
  zip_code: string;
  city: string;
  use_gigahost_ns: boolean;
  nameservers?: string[];
};
