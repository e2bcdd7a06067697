import type { PluginProgram } from "./types";

// Every terrahost:* kind (the Gigahost platform under Terrahost's brand), against `seedDemoData`
// (emulator/all.ts): Terrahost server 3000 with IPv4 id 3001. Import ids follow the formats of
// resources/gigahost/importIds.ts (docs/gigahost.md, "Importing (provider plugin)").
export const program: PluginProgram = {
  vendor: "terrahost",
  resources: [
    {
      name: "server",
      kind: "terrahost:Server",
      properties: { serverId: "3000", name: "backup1.example-shop.no", powerState: "on", packageId: "3" },
      importId: (id) => id,
    },
    {
      name: "snapshot",
      kind: "terrahost:ServerSnapshot",
      properties: { serverId: "${server.serverId}", name: "nightly" },
      importId: (id, outputs) => `${outputs.serverId}/${id}`,
    },
    {
      name: "reverse",
      kind: "terrahost:ReverseDns",
      properties: { serverId: "${server.serverId}", ipId: "3001", hostname: "backup1.example-shop.no" },
      importId: (id) => id,
    },
    {
      name: "extraIp",
      kind: "terrahost:ServerIpv4",
      properties: { serverId: "${server.serverId}", type: "l2" },
      importId: (id, outputs) => `${outputs.serverId}/${id}`,
    },
  ],
};
