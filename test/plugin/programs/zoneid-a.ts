import { PluginProgram } from "./types";

// ZoneID's DNS, mail, MySQL, cron and SSH kinds, on what `seedDemoData` (emulator/all.ts) provides:
// the zone and web hosting service example-shop.ee, and the zone example-shop.eu, whose records
// one DnsZoneRecords manages whole (it purges what it does not declare: DnsRecords stay in the other zone).
// Import ids as docs/zoneid.md, "Importing (provider plugin)", gives them.

const SERVICE = "example-shop.ee";

/** `service/<id>`: the import id of an item of a web hosting collection. */
const serviceItem = (id: string, outputs: Record<string, any>) => `${outputs.service}/${id}`;
/** Kinds whose resource id is their import id (a zone, a service, `service/address`). */
const sameAsId = (id: string) => id;

export const program: PluginProgram = {
  vendor: "zoneid",
  resources: [
    {
      name: "shopZone",
      kind: "zoneid:DnsZone",
      properties: { name: "example-shop.ee", ipv6: true },
      importId: sameAsId,
    },
    {
      name: "shopWww",
      kind: "zoneid:DnsRecord",
      properties: { zone: "${shopZone.name}", type: "a", name: "www", destination: "192.0.2.10" },
      importId: (id, outputs) => `${outputs.zone}/${outputs.type}/${id}`,
    },
    {
      name: "shopMx",
      kind: "zoneid:DnsRecord",
      properties: { zone: "${shopZone.name}", type: "mx", name: "@", destination: "mail.example-shop.ee", priority: 10 },
      importId: (id, outputs) => `${outputs.zone}/${outputs.type}/${id}`,
    },
    {
      name: "euRecords",
      kind: "zoneid:DnsZoneRecords",
      properties: {
        zone: "example-shop.eu",
        records: [
          { name: "@", type: "A", values: ["192.0.2.10"] },
          { name: "www", type: "CNAME", values: ["example-shop.eu."] },
          { name: "@", type: "MX", values: ["10 mail.example-shop.ee."] },
          { name: "@", type: "TXT", values: ["v=spf1 mx include:zone.eu -all"] },
        ],
      },
      importId: sameAsId,
    },
    {
      name: "infoMailbox",
      kind: "zoneid:MailAccount",
      properties: { service: SERVICE, address: "info@example-shop.ee", password: "Front-desk-mailbox-2030", comment: "Front desk", spamLevel: "high" },
      importId: serviceItem,
      writeOnly: ["password"],
    },
    {
      name: "salesForwarder",
      kind: "zoneid:MailForwarder",
      properties: { service: SERVICE, address: "sales@example-shop.ee", forwardAddresses: ["${infoMailbox.address}"], comment: "Sales enquiries" },
      importId: serviceItem,
    },
    {
      name: "infoAutoreply",
      kind: "zoneid:MailAutoreply",
      properties: {
        service: "${infoMailbox.service}",
        address: "${infoMailbox.address}",
        fromName: "Example Shop",
        subject: "Summer break",
        body: "We are closed in July and answer in August.",
        startDate: "2030-07-01",
        endDate: "2030-07-31",
      },
      importId: sameAsId,
    },
    {
      name: "infoPremium",
      kind: "zoneid:MailPremium",
      properties: { service: "${infoMailbox.service}", address: "${infoMailbox.address}", package: "mail-premium-10" },
      importId: sameAsId,
    },
    {
      name: "shopDatabase",
      kind: "zoneid:MysqlDatabase",
      properties: { service: SERVICE, name: "d1001_shop", comment: "Orders" },
      importId: serviceItem,
    },
    {
      name: "shopDatabaseUser",
      kind: "zoneid:MysqlUser",
      properties: {
        service: SERVICE,
        username: "d1001_app",
        password: "Shop-app-database-2030",
        hosts: ["ws"],
        // A map key cannot be a reference: the grant names the database, and dependsOn orders it after.
        permissions: { d1001_shop: ["SELECT", "INSERT", "UPDATE", "DELETE"] },
      },
      dependsOn: ["shopDatabase"],
      importId: serviceItem,
      writeOnly: ["password"],
    },
    {
      name: "nightlyCleanup",
      kind: "zoneid:Crontab",
      properties: { service: SERVICE, name: "nightly-cleanup", type: "http", command: "https://example-shop.ee/cron/cleanup", schedule: "0 3 * * *" },
      importId: serviceItem,
    },
    {
      name: "deployKey",
      kind: "zoneid:SshKey",
      properties: {
        service: SERVICE,
        publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl deploy@example-shop.ee",
        comment: "CI deploy",
      },
      importId: serviceItem,
    },
    {
      name: "officeSsh",
      kind: "zoneid:SshAllowlistEntry",
      properties: { service: SERVICE, ip: "198.51.100.0/24", comment: "Office" },
      importId: serviceItem,
    },
    {
      name: "shopSsh",
      kind: "zoneid:SshSettings",
      properties: { service: SERVICE, access: "whitelist" },
      // The allow-list has the office before SSH is limited to it.
      dependsOn: ["officeSsh"],
      importId: sameAsId,
    },
  ],
};
