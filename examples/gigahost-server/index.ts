import * as gigahost from "pulumi-euro-hosting/gigahost";

// Servers are ordered outside Pulumi; the Server resource takes one over by id
// (3000 is the server the bundled emulator starts with). Deleting the resource
// only stops managing the server.
const server = new gigahost.Server("web1", { serverId: "3000", name: "web1.example-shop.no" });

// PTR record of the server's primary IPv4 address.
new gigahost.ReverseDns("web1-ptr", {
  serverId: server.serverId,
  ipId: server.ipv4.apply((ips) => ips[0].ipId),
  hostname: "web1.example-shop.no",
});

// A snapshot before maintenance; waits until the vendor reports it completed.
new gigahost.ServerSnapshot("before-upgrade", { serverId: server.serverId, name: "before-upgrade", timeouts: { create: "30m" } });

export const primaryAddress = server.primaryIp;
