import * as gandi from "pulumi-euro-hosting/gandi";
import * as gigahost from "pulumi-euro-hosting/gigahost";
import * as gigas from "pulumi-euro-hosting/gigas";
import * as zoneid from "pulumi-euro-hosting/zoneid";

// A shop: the website on Gandi Simple Hosting, its DNS on Zone.eu, a backend
// server at Gigahost with reverse DNS and a snapshot, and a worker VM at Gigas.

const site = new gandi.SimpleHostingInstance("shop-site", {
  name: "example-shop-ee",
  location: "FR",
  size: "starter",
  database: "mysql",
  language: "php",
});
const www = new gandi.SimpleHostingVhost("shop-www", {
  instanceId: site.instanceId,
  fqdn: "www.example-shop.ee",
  linkedDnsZone: { allowAlteration: true },
});

const zone = new zoneid.DnsZone("shop-zone", { name: "example-shop.ee" });
new zoneid.DnsRecord("shop-www-cname", { zone: zone.name, type: "cname", name: "www", destination: "webredir.vip.gandi.net" });

const backend = new gigahost.Server("shop-backend", { serverId: "3000", name: "api.example-shop.ee" });
new gigahost.ReverseDns("shop-backend-ptr", {
  serverId: backend.serverId,
  ipId: backend.ipv4.apply((ips) => ips[0].ipId),
  hostname: "api.example-shop.ee",
});
new zoneid.DnsRecord("shop-api", {
  zone: zone.name,
  type: "a",
  name: "api",
  destination: backend.primaryIp,
});
new gigahost.ServerSnapshot("shop-backend-snapshot", { serverId: backend.serverId, name: "launch-day" });

const worker = new gigas.VirtualMachine("shop-worker", {
  label: "shop worker",
  hostname: "worker1",
  templateId: 2266610120,
  locationId: 226661012,
  memory: 1024,
  cpus: 1,
  primaryDiskSize: 20,
});
new zoneid.DnsRecord("shop-worker", {
  zone: zone.name,
  type: "a",
  name: "worker",
  destination: worker.primaryIpAddress,
});

export const siteStatus = www.status;
export const backendAddress = backend.primaryIp;
export const workerAddress = worker.primaryIpAddress;
