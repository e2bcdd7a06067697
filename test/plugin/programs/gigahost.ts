import type { PluginProgram } from "./types";

// Every gigahost:* kind, against `seedDemoData` (emulator/all.ts): server 3000 with IPv4 id 3001,
// and the verified AS212345 (asnId 1) that BgpSession needs. Import ids follow the formats of
// resources/gigahost/importIds.ts (docs/gigahost.md, "Importing (provider plugin)").
export const program: PluginProgram = {
  vendor: "gigahost",
  resources: [
    {
      name: "zone",
      kind: "gigahost:DnsZone",
      properties: { name: "example-shop.no" },
      importId: (id) => id,
    },
    {
      name: "www",
      kind: "gigahost:DnsRecord",
      properties: { zoneId: "${zone.zoneId}", name: "www", type: "A", value: "185.181.60.10", ttl: 600 },
      importId: (_id, outputs) => `${outputs.zoneId}/${outputs.recordId}`,
    },
    {
      name: "mx",
      kind: "gigahost:DnsRecord",
      properties: { zoneId: "${zone.zoneId}", type: "MX", value: "mail.example-shop.no", priority: 10 },
      importId: (_id, outputs) => `${outputs.zoneId}/${outputs.recordId}`,
    },
    {
      name: "shopRedirect",
      kind: "gigahost:DnsRedirect",
      properties: { zoneId: "${zone.zoneId}", source: "shop", targetUrl: "https://www.example-shop.no/butikk" },
      importId: (id) => id,
    },
    // A zone of its own: an imported DnsZoneRecords manages every record of its zone (purge).
    {
      name: "mailZone",
      kind: "gigahost:DnsZone",
      properties: { name: "example-shop.net" },
      importId: (id) => id,
    },
    {
      name: "mailRecords",
      kind: "gigahost:DnsZoneRecords",
      properties: {
        zoneId: "${mailZone.zoneId}",
        records: [
          { name: "@", type: "MX", values: ["10 mail.example-shop.no"] },
          { name: "@", type: "TXT", values: ["v=spf1 mx -all"] },
          { name: "www", type: "CNAME", ttl: 600, values: ["www.example-shop.no"] },
        ],
      },
      importId: (id) => id,
    },
    {
      name: "reverseZone",
      kind: "gigahost:PtrZone",
      properties: { prefix: "185.181.60.0/24" },
      importId: (id) => id,
    },
    {
      name: "domain",
      kind: "gigahost:NoDomain",
      properties: {
        domain: "nordlys-eksempel.no",
        registrant: { type: "organization", orgNumber: "923609016", companyName: "Example AS" },
        email: "hostmaster@example-shop.no",
        applicantName: "Ola Nordmann",
        zipCode: "0123",
        city: "Oslo",
      },
      importId: (id) => id,
      writeOnly: ["applicantName"],
    },
    {
      name: "domainSettings",
      kind: "gigahost:DomainSettings",
      // The registrant e-mail is the domain's: NoDomain reads it back too.
      properties: { zoneId: "${domain.zoneId}", autoRenew: false, dnssec: true, registrantEmail: "hostmaster@example-shop.no", whoisProtection: true },
      importId: (id) => id,
      writeOnly: ["whoisProtection"],
    },
    {
      name: "server",
      kind: "gigahost:Server",
      properties: {
        serverId: "3000",
        name: "web1.example-shop.no",
        powerState: "on",
        packageId: "3",
        os: { osId: "72", language: "en_US", keyboard: "no", timezone: "Europe/Oslo", hostname: "web1.example-shop.no" },
      },
      importId: (id) => id,
      writeOnly: ["os"],
    },
    {
      name: "snapshot",
      kind: "gigahost:ServerSnapshot",
      properties: { serverId: "${server.serverId}", name: "before-upgrade" },
      importId: (id, outputs) => `${outputs.serverId}/${id}`,
    },
    {
      name: "reverse",
      kind: "gigahost:ReverseDns",
      properties: { serverId: "${server.serverId}", ipId: "3001", hostname: "web1.example-shop.no" },
      importId: (id) => id,
    },
    {
      name: "extraIp",
      kind: "gigahost:ServerIpv4",
      properties: { serverId: "${server.serverId}", type: "l3" },
      importId: (id, outputs) => `${outputs.serverId}/${id}`,
    },
    {
      name: "asn",
      kind: "gigahost:BgpAsn",
      properties: { asn: "AS213021" },
      importId: (id) => id,
    },
    {
      name: "bgp",
      kind: "gigahost:BgpSession",
      // asnId 1: the seeded AS212345, verified (a new BgpAsn stays pending until Gigahost's review).
      properties: { asnId: "1", ipIdV4: "3001", defaultRoute: true },
      dependsOn: ["server"],
      importId: (id) => id,
    },
    {
      name: "deployKey",
      kind: "gigahost:SshKey",
      properties: { name: "ops", publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFd1sJ5Ue9rZ2b2m4cYkVQmJqQh3yYk0Zp7vV8n1Xo2a ops@example-shop.no" },
      importId: (id) => id,
    },
    {
      name: "worker",
      kind: "gigahost:DeployedServer",
      properties: {
        productId: "2058",
        priceId: "311",
        regionId: "1",
        billingPeriod: "hourly",
        hostname: "worker1.example-shop.no",
        osId: "101",
        sshKeys: ["${deployKey.publicKey}"],
        name: "worker1",
      },
    },
  ],
};
