import * as gandi from "pulumi-euro-hosting/gandi";

// A PHP + MySQL instance; a bad specification fails before anything is ordered
// (the provider sends the order with Gandi's Dry-Run header first).
const instance = new gandi.SimpleHostingInstance("site", {
  name: "example-shop",
  location: "FR",
  size: "starter",
  database: "mysql",
  language: "php",
  storageAdditionalSize: 10,
});

const vhost = new gandi.SimpleHostingVhost("www", {
  instanceId: instance.instanceId,
  fqdn: "www.example-shop.fr",
  httpsStrategy: "redirect_HTTP_to_HTTPS",
  linkedDnsZone: { allowAlteration: true },
});

export const sftpUser = instance.sftpUser;
export const vhostStatus = vhost.status;
