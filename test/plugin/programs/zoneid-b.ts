// The ZoneID kinds around web hosting services, domains and cloud servers (the other ZoneID kinds,
// DNS, mail, databases, cron and SSH, are in another program), as a user declares them for the shop
// `seedDemoData` seeds: the web hosting service, domain and zone example-shop.ee.
import type { PluginProgram } from "./types";

const SERVICE = "example-shop.ee";
/** The item of a web hosting service or domain: `service/identificator` (resources/zoneid/serviceImportIds.ts). */
const serviceItem = (id: string, outputs: Record<string, any>) => `${outputs.service}/${id}`;

export const program: PluginProgram = {
  vendor: "zoneid",
  resources: [
    { name: "dkim", kind: "zoneid:Dkim", properties: { service: SERVICE }, importId: (id) => id },
    {
      name: "certificate",
      kind: "zoneid:SslCertificate",
      properties: {
        service: SERVICE,
        name: "www-2026",
        certificate: "-----BEGIN CERTIFICATE-----\nMIIB CN=www.example-shop.ee\n-----END CERTIFICATE-----\n",
        privateKey: "-----BEGIN PRIVATE KEY-----\nMIIEvQ-shop-key-material\n-----END PRIVATE KEY-----\n",
        hosts: ["example-shop.ee", "www.example-shop.ee"],
      },
      importId: serviceItem,
      writeOnly: ["privateKey"],
    },
    {
      name: "deployUser",
      kind: "zoneid:FtpUser",
      properties: { service: SERVICE, username: "deploy", password: "Deploy-Password-2026", directory: "/htdocs", allowedOperations: ["read", "write"] },
      importId: serviceItem,
      writeOnly: ["password"],
    },
    // ZoneID allows the address the request comes from: the CLI's provider reaches the emulator from 127.0.0.1.
    { name: "ftpFromHere", kind: "zoneid:FtpAllowlistEntry", properties: { service: SERVICE, ip: "127.0.0.1" }, importId: serviceItem },
    {
      name: "vps",
      kind: "zoneid:CloudServer",
      properties: {
        datacenter: "tll01",
        package: "vps-s",
        os: "ubuntu-24.04",
        sshPublicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGk2YcFq1pYf0 me@laptop",
        vcpu: 1,
        ramGb: 2,
        diskGb: 40,
      },
      importId: (id) => id,
      writeOnly: ["sshPublicKey"],
    },
    {
      name: "nameserver",
      kind: "zoneid:DomainNameserver",
      properties: { service: SERVICE, hostname: "ns1.example-shop.ee", ips: ["192.0.2.53"] },
      importId: serviceItem,
    },
    {
      name: "techContact",
      kind: "zoneid:DomainContact",
      properties: {
        service: SERVICE,
        role: "tech",
        type: "person",
        name: "Mari Maasikas",
        email: "mari@example-shop.ee",
        phone: "+372.5551234",
        street: "Tartu mnt 1",
        city: "Tallinn",
        postalCode: "10115",
        country: "EE",
      },
      importId: serviceItem,
    },
    { name: "domainSettings", kind: "zoneid:DomainSettings", properties: { domain: SERVICE, adopt: true, renewalNotifications: true }, importId: (id) => id },
    { name: "dedicatedIp", kind: "zoneid:DedicatedIp", properties: { service: SERVICE }, importId: serviceItem },
    {
      name: "sshForward",
      kind: "zoneid:PortForward",
      properties: { service: SERVICE, dedicatedIp: "${dedicatedIp.ipv4}", port: 2222, comment: "ssh for deploys", acl: ["203.0.113.7"] },
      importId: serviceItem,
    },
    { name: "api", kind: "zoneid:Pm2Process", properties: { service: SERVICE, name: "api", script: "server.js", memoryLimit: 256 }, importId: serviceItem },
    { name: "redis", kind: "zoneid:Redis", properties: { service: SERVICE }, importId: serviceItem },
    { name: "extraDisk", kind: "zoneid:AdditionalPackage", properties: { service: SERVICE, package: "disk_10gb", quantity: 2 }, importId: serviceItem },
    // Not importable (it orders a one-off renewal): no importId. The seeded domain expires 2027-06-30.
    { name: "renewal", kind: "zoneid:DomainRenewal", properties: { domain: SERVICE, period: 1, expires: "2027-06-30" } },
  ],
};
