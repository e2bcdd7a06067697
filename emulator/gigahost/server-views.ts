// How Gigahost/Terrahost show a server (docs/vendor-documents.md,
// "Gigahost: servers"): the listing's summary, the detail view, snapshots and
// upgrade packages, with the live quirks of numbers as strings
// (docs/gigahost.md, "Vendor quirks handled").
import { OPERATING_SYSTEMS } from "./server-catalog";
import type { StoredIso, StoredServer } from "./server-state";

/** The brand a view is shown under: its name in host names, and the one customer. */
export interface Brand {
  name: string;
  customerId: string;
}

/** What the server's jobs say about it now. */
export interface ServerStatus {
  installing: boolean;
  snapshotPending: boolean;
}

/** GET /servers: one server of the listing. */
export function summaryView(server: StoredServer, status: ServerStatus, brand: Brand): Record<string, unknown> {
  const os = OPERATING_SYSTEMS.find((candidate) => candidate.os_id === server.osId)!;
  const installing = status.installing;
  return {
    srv_id: server.id,
    srv_tag: "0",
    product_id: server.productId ?? "0",
    cust_id: brand.customerId,
    os_id: server.osId,
    iso_id: server.mountedIsoId ?? "0",
    srv_name: `srv${server.id}.${brand.name}.no`,
    srv_status: server.poweredOn && !installing,
    srv_status_rescue: false,
    srv_status_install: installing,
    srv_status_snapshot: status.snapshotPending,
    srv_status_mount: (server.mountedIsoId ?? "0") !== "0",
    srv_label: server.label,
    srv_date_created: String(Math.floor(server.created / 1000)),
    srv_vps_type: server.type === "vps" ? "kvm" : "",
    srv_hostname: server.hostname,
    srv_bw: "1000",
    srv_feature_reinstall: true,
    srv_feature_mgmt: true,
    srv_mgmt_type: server.type === "vps" ? "kvm" : "ipmi",
    // Numbers arrive as strings (docs/gigahost.md, "Vendor quirks handled").
    srv_cores: String(server.cores),
    srv_ram: String(server.ramGb),
    srv_suspended: server.suspended,
    srv_new: false,
    srv_location: server.location,
    srv_type: server.type,
    srv_primary_ip: server.ips.find((ip) => ip.type === "primary")?.address ?? "",
    os: {
      os_id: os.os_id,
      os_name: os.os_name,
      os_release: os.os_release,
      os_dedicated_only: "0",
      os_minram: "0",
      os_custom_partition: "1",
      os_single_disk_only: "1",
    },
    ips: server.ips.map((ip) => ({
      ip_id: ip.id,
      sub_id: ip.subId,
      ip_v4v6: ip.family ?? "ipv4",
      ip_address: ip.address,
      ip_reverse: ip.reverse,
      ip_traffic_sum: "0",
      ip_pkts_sum: "0",
      ip_nullroute: "0",
      // A routed (L3) address is routed to the server's primary address (the documents' example).
      ip_routed_to: ip.layer === "l3" ? (server.ips.find((candidate) => candidate.type === "primary")?.id ?? "0") : "0",
      ip_type: ip.type,
      ip_netmask: "255.255.255.0",
      ip_gateway: ip.gateway,
    })),
    cancelled: null,
  };
}

/** GET /servers/{id}: the summary (without the primary IP), disks and subnets. */
export function detailView(server: StoredServer, status: ServerStatus, brand: Brand): Record<string, unknown> {
  const summary = summaryView(server, status, brand);
  delete summary.srv_primary_ip;
  return {
    ...summary,
    hdds: server.disks.map((disk) => ({
      hdd_id: disk.id,
      srv_id: server.id,
      datastore_id: "0",
      hdd_manufacturer: "Proxmox",
      hdd_model: "",
      hdd_type: "SSD",
      hdd_size: String(disk.sizeGb),
      hdd_space_used: "0",
      hdd_serial_number: "",
    })),
    subnets: server.subnets.map((subnet) => ({
      sub_id: subnet.id,
      sub_parent_id: "675",
      srv_id: server.id,
      device_id: "0",
      sub_type: "ipv6",
      sub_ipv6_type: "",
      sub_network: subnet.network,
      sub_netmask: "48",
      sub_broadcast: "",
      sub_gateway: subnet.gateway,
      sub_cidr: `${subnet.network}/48`,
      sub_vlan: "1510",
      sub_vrf: "1",
      sub_description: "",
      sub_location: server.location,
      sub_duid: "",
      sub_ns: subnet.ns,
    })),
    cpus: [],
    attacklogs: [],
    node: "pmx4dc2",
    bw_used: 0,
    // The detail view shows the last KVM/IPMI session, its password included (the documents' example).
    ipmi_session: server.ipmi
      ? {
          kvm_id: "12",
          srv_id: server.id,
          kvm_ip_address: server.ipmi.address,
          kvm_username: server.ipmi.username,
          kvm_password: server.ipmi.password,
          kvm_userid: "5",
          kvm_expires: String(Math.floor(server.ipmi.expires / 1000)),
          kvm_in_use: "1",
        }
      : null,
  };
}

/** GET /servers/{id}/snapshots. */
export function snapshotViews(server: StoredServer, isPending: (snapshotId: string) => boolean): Record<string, unknown>[] {
  // snap_id and srv_id are numbers here, as in the docs' example (mixed: docs/gigahost.md, "Vendor quirks handled").
  return server.snapshots.map((snapshot) => ({
    snap_id: Number(snapshot.id),
    srv_id: Number(server.id),
    snap_name: snapshot.name,
    snap_display_name: snapshot.displayName,
    snap_time: Math.floor(snapshot.created / 1000),
    snap_state: isPending(snapshot.id) ? "pending" : "completed",
  }));
}

/** The VPS packages (the documents' example); `pkg_name` takes the brand. */
export const PACKAGES = [
  { pkg_id: "3", product_id: "2058", pkg_name: "kvm2048.2018", pkg_cores: "2", pkg_ram: "2048", pkg_disk: "40", product_name: "KVM 2048", product_price: "199.00" },
  { pkg_id: "4", product_id: "2059", pkg_name: "kvm4096.2018", pkg_cores: "4", pkg_ram: "4096", pkg_disk: "50", product_name: "KVM 4096", product_price: "299.00" },
];

/** Package id → its product id, the `product_id` a server on it shows. */
export const PACKAGE_PRODUCTS: Record<string, string> = Object.fromEntries(PACKAGES.map((pkg) => [pkg.pkg_id, pkg.product_id]));

/**
 * GET /servers/{id}/upgrade: what a VPS can move to; nothing for dedicated servers. Whether the list
 * includes the server's current package is not documented: here it does (docs/gigahost.md, "Behaviour guessed").
 */
export function upgradePackageViews(server: StoredServer, brand: Brand): Record<string, unknown>[] {
  if (server.type !== "vps") return [];
  return PACKAGES.map((pkg) => ({ ...pkg, pkg_name: `${pkg.pkg_name}.${brand.name}` }));
}

/** GET /servers/{id}/isos: one ISO, as the documents' example shows it. */
export function isoView(iso: StoredIso, brand: Brand, mounted: boolean): Record<string, unknown> {
  return {
    iso_id: iso.id,
    cust_id: brand.customerId,
    iso_url: iso.url,
    iso_name: iso.name,
    iso_hash: "",
    iso_size: String(iso.sizeBytes),
    iso_state: iso.state,
    iso_mounted: mounted ? "1" : "0",
  };
}

/** A 1×1 PNG, base64: what the traffic graph endpoints answer per period. */
export const TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
