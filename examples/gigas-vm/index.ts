import * as gigas from "pulumi-euro-hosting/gigas";

// Template and location ids come from getTemplates() / getLocations(); these
// are the Ubuntu 24.04 template and the Spain location of the bundled emulator.
const vm = new gigas.VirtualMachine("app", {
  label: "app server",
  hostname: "app1",
  templateId: 2266610120,
  locationId: 226661012,
  memory: 2048,
  cpus: 2,
  primaryDiskSize: 20,
  defaultFirewallPolicy: "DROP",
});

for (const [i, port] of ["22", "80,443"].entries()) {
  new gigas.FirewallRule(`allow-${i}`, {
    networkInterfaceId: vm.primaryNetworkInterfaceId,
    command: "ACCEPT",
    protocol: "TCP",
    port,
    order: i + 1,
  });
}

new gigas.Disk("data", { virtualMachineId: vm.virtualMachineId, size: 50, mountPoint: "/srv/data" });

export const address = vm.primaryIpAddress;
