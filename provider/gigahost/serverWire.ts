import { z } from "zod";
import { flag, idString, optionalNumber, optionalText } from "../lenient";
import { envelope, meta } from "./envelope";

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
  /** The package's product: matches a package's `product_id` in `GET /servers/{id}/upgrade`; "0" when none. */
  product_id: idString.nullish(),
  /** The mounted ISO ("0" when none). */
  iso_id: idString.nullish(),
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


/** `GET /servers/{id}/isos`: the ISOs uploaded to the account (the documents' example; `iso_mounted` "0"/"1"). */
export const isoWire = z.object({
  iso_id: idString,
  iso_url: optionalText,
  iso_name: optionalText,
  iso_hash: optionalText,
  iso_size: optionalNumber,
  /** e.g. "uploading"; the other values are not documented. */
  iso_state: optionalText,
  iso_mounted: flag.nullish(),
});
export type IsoWire = z.infer<typeof isoWire>;
export const isoList = envelope(z.array(isoWire).nullish().transform((list) => list ?? []));

/** `GET /servers/{id}/port_bits` and `/port_upkts`: base64 images, one per period. */
export const trafficGraphs = envelope(
  z.object({ graph_day: optionalText, graph_week: optionalText, graph_month: optionalText, graph_year: optionalText }).passthrough(),
);
export type TrafficGraphsWire = z.infer<typeof trafficGraphs>["data"];

/** `POST /servers/{id}/ipmi`: a KVM/IPMI session, valid 3 hours; `password` is a secret. */
export const ipmiSession = envelope(z.object({ kvm_ip_address: z.string(), username: z.string(), password: z.string() }).passthrough());
export type IpmiSessionWire = z.infer<typeof ipmiSession>["data"];

/** `POST /servers/{id}/ipv4`: "l2" (layer 2, not routed) or "l3" (routed). */
export type Ipv4Type = "l2" | "l3";


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

