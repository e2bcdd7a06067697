// Both Gandi Simple Hosting kinds, as a user declares a shop's site: a PHP/MySQL instance and the
// WordPress vhost it serves. Gandi needs nothing seeded: an order makes the instance.
import type { PluginProgram } from "./types";

export const program: PluginProgram = {
  vendor: "gandi",
  resources: [
    {
      name: "shop",
      kind: "gandi:SimpleHostingInstance",
      properties: {
        name: "example-shop",
        location: "FR",
        size: "starter",
        database: "mysql",
        databaseVersion: "8.0",
        language: "php",
        languageVersion: "8.2",
        snapshotEnabled: true,
        storageAdditionalSize: 10,
        password: "Shop-Sftp-Password-2026",
      },
      importId: (id) => id,
      // Gandi never returns the SFTP password: the first `up` after an import sets it again.
      writeOnly: ["password"],
    },
    {
      name: "www",
      kind: "gandi:SimpleHostingVhost",
      properties: {
        instanceId: "${shop.instanceId}",
        fqdn: "www.example-shop.fr",
        application: { name: "wordpress" },
        httpsStrategy: "redirect_HTTP_to_HTTPS",
        linkedDnsZone: { allowAlteration: true },
      },
      // The vhost's id is its import id: instanceId/fqdn.
      importId: (_id, outputs) => `${outputs.instanceId}/${outputs.fqdn}`,
    },
  ],
};
