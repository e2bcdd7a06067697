// What a Gigahost/Terrahost server can be installed with
// (docs/vendor-documents.md, "Gigahost: servers", the reinstall endpoints): the
// distributions and operating systems the emulator offers.

export interface Distribution {
  dist_id: string;
  type_id: string;
  dist_name: string;
  dist_value: string;
  dist_logo: string;
  dist_description: string;
  dist_active: string;
}

export const DISTRIBUTIONS: Distribution[] = [
  { dist_id: "1", type_id: "1", dist_name: "Ubuntu", dist_value: "ubuntu", dist_logo: "/images/os/ubuntu.png", dist_description: "", dist_active: "1" },
  { dist_id: "2", type_id: "1", dist_name: "Debian", dist_value: "debian", dist_logo: "/images/os/debian.png", dist_description: "", dist_active: "1" },
];

export const OPERATING_SYSTEMS = [
  { os_id: "72", dist_id: "1", os_name: "Ubuntu 18.04 LTS 64-bit", os_release: "ubuntu", os_dist: "18.04" },
  { os_id: "101", dist_id: "1", os_name: "Ubuntu 24.04 LTS 64-bit", os_release: "ubuntu", os_dist: "24.04" },
  { os_id: "110", dist_id: "2", os_name: "Debian 12 64-bit", os_release: "debian", os_dist: "12" },
].map((os) => ({ ...os, os_arch: "amd64", os_custom_partition: "1", os_single_disk_only: "0", os_support_raid: "1", os_dedicated_only: "0", os_minram: "0" }));
