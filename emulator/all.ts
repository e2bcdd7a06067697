// Every vendor fake, built together: for `npm run emulator`, the demo, and
// tests that deploy multi-vendor programs.
import { type EmulatorClock, type VendorEmulator, createEmulatorClock } from "./core";
import { DEFAULT_GANDI_API_KEY, DEFAULT_GANDI_TOKEN, GandiEmulator } from "./gandi";
import { DEFAULT_GIGAHOST_API_KEY, DEFAULT_GIGAHOST_PASSWORD, DEFAULT_GIGAHOST_USERNAME, GigahostEmulator } from "./gigahost";
import { DEFAULT_GIGAS_API_KEY, DEFAULT_GIGAS_PASSWORD, DEFAULT_GIGAS_USERNAME, GigasEmulator } from "./gigas";
import { TerrahostEmulator } from "./terrahost";
import { DEFAULT_ZONEID_API_KEY, DEFAULT_ZONEID_USERNAME, ZoneidEmulator } from "./zoneid";

export interface AllEmulators {
  gigahost: GigahostEmulator;
  terrahost: TerrahostEmulator;
  zoneid: ZoneidEmulator;
  gandi: GandiEmulator;
  gigas: GigasEmulator;
  list: VendorEmulator[];
}

/** Label/value pairs of each vendor's emulator credentials, for printing. */
export const EMULATOR_CREDENTIALS: Record<string, [string, string][]> = {
  gigahost: [
    ["api key", DEFAULT_GIGAHOST_API_KEY],
    ["username", DEFAULT_GIGAHOST_USERNAME],
    ["password", DEFAULT_GIGAHOST_PASSWORD],
  ],
  terrahost: [
    ["api key", DEFAULT_GIGAHOST_API_KEY],
    ["username", DEFAULT_GIGAHOST_USERNAME],
    ["password", DEFAULT_GIGAHOST_PASSWORD],
  ],
  zoneid: [
    ["username", DEFAULT_ZONEID_USERNAME],
    ["api key", DEFAULT_ZONEID_API_KEY],
  ],
  gandi: [
    ["token", DEFAULT_GANDI_TOKEN],
    ["api key", DEFAULT_GANDI_API_KEY],
  ],
  gigas: [
    ["api key", DEFAULT_GIGAS_API_KEY],
    ["username", DEFAULT_GIGAS_USERNAME],
    ["password", DEFAULT_GIGAS_PASSWORD],
  ],
};

/** Stack config pointing every vendor at an emulator on `baseUrl` with its default credentials. */
export function emulatorStackConfig(urlFor: (vendor: string) => string): Record<string, string> {
  return {
    "gigahost:apiUrl": urlFor("gigahost"),
    "gigahost:apiKey": DEFAULT_GIGAHOST_API_KEY,
    "terrahost:apiUrl": urlFor("terrahost"),
    "terrahost:apiKey": DEFAULT_GIGAHOST_API_KEY,
    "zoneid:apiUrl": urlFor("zoneid"),
    "zoneid:username": DEFAULT_ZONEID_USERNAME,
    "zoneid:apiKey": DEFAULT_ZONEID_API_KEY,
    "gandi:apiUrl": urlFor("gandi"),
    "gandi:personalAccessToken": DEFAULT_GANDI_TOKEN,
    "gigas:apiUrl": urlFor("gigas"),
    "gigas:apiKey": DEFAULT_GIGAS_API_KEY,
  };
}

/** The config keys above that hold credentials (set them with `--secret`). */
export const EMULATOR_SECRET_KEYS = ["gigahost:apiKey", "terrahost:apiKey", "zoneid:apiKey", "gandi:personalAccessToken", "gigas:apiKey"];

export function createAllEmulators(options: { clock?: EmulatorClock } = {}): AllEmulators {
  const clock = options.clock ?? createEmulatorClock();
  const gigahost = new GigahostEmulator({ clock });
  // Terrahost runs the Gigahost platform under its own brand and base path, with only its documented routes.
  const terrahost = new TerrahostEmulator({ clock });
  const zoneid = new ZoneidEmulator({ clock });
  const gandi = new GandiEmulator({ clock });
  const gigas = new GigasEmulator({ clock });
  return { gigahost, terrahost, zoneid, gandi, gigas, list: [gigahost, zoneid, gandi, terrahost, gigas] };
}

/**
 * What the examples and the demo expect to find: objects these APIs cannot
 * create, only take over. In a fresh emulator the ids are always the same:
 * Gigahost server 3000 with IPv4 id 3001, Terrahost server 3000, the ZoneID
 * zone example-shop.ee, and the web hosting service and registered domain of
 * the same name (a shop's usual ZoneID order: domain, DNS and hosting); the
 * zone example-shop.eu, the shop's second domain, whose records a program can
 * manage whole (zoneid:DnsZoneRecords purges what it does not declare, so it
 * needs a zone of its own); Gigahost's verified AS212345 with asnId 1 (an ASN
 * becomes active only after Gigahost's manual review: BgpSession needs one);
 * at Gigas (besides its account and catalogue) the objects of GIGAS_DEMO_IDS.
 */
export function seedDemoData(all: AllEmulators): void {
  all.gigahost.servers.addServer({ label: "web1.example-shop.no", hostname: "web1.example-shop.no", ipv6SubnetCount: 1 });
  all.gigahost.bgp.submitAsn("AS212345");
  all.gigahost.bgp.setAsnStatus(all.gigahost.bgp.asnByNumber(212345)!.id, "active");
  all.terrahost.servers.addServer({ label: "backup1.example-shop.no", hostname: "backup1.example-shop.no" });
  all.zoneid.addZone("example-shop.ee");
  all.zoneid.addWebHosting("example-shop.ee");
  all.zoneid.domains.addDomain("example-shop.ee");
  all.zoneid.addZone("example-shop.eu");
  seedGigas(all.gigas);
}

/**
 * The ids of what seedDemoData seeds at Gigas, in a fresh emulator: a private network in Spain, and
 * a data disk kept from a retired VM (detached, as Gigas leaves extra disks) with two automatic
 * backups, older first (no documented Gigas call makes a backup).
 */
export const GIGAS_DEMO_IDS = { networkId: "22666100000", diskId: "22666100001", backupIds: ["22666100002", "22666100003"] } as const;

function seedGigas(gigas: GigasEmulator): void {
  const spain = `${gigas.defaultAccountId}1012`;
  const network = gigas.addNetwork({ label: "shop backend", location_id: spain });
  const disk = gigas.state.disks.add(gigas.defaultAccountId, null, 20, { autobackup: 1, mount_point: "/srv/data" });
  const backups = ["2026-01-04 03:00:00", "2026-01-05 03:00:00"].map((date) => gigas.addBackup(disk.id, { date_created: date, backup_type: "gigas-automatic" }));
  const seeded = { networkId: network.id, diskId: disk.id, backupIds: backups.map((backup) => backup.id) };
  if (JSON.stringify(seeded) !== JSON.stringify(GIGAS_DEMO_IDS)) {
    throw new Error(`seedDemoData needs a fresh Gigas emulator: it seeded ${JSON.stringify(seeded)}, not GIGAS_DEMO_IDS`);
  }
}
