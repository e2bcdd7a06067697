// Accounts and what comes with them: locations, templates and public
// networks (the quickstart's samples). Seeded in-process; the API only reads them.
import { EmulatorError } from "../core";
import type { AccountRecord, NetworkRecord, TemplateRecord } from "./records";
import type { GigasState } from "./state";

export class Catalogue {
  constructor(private readonly state: GigasState) {}

  /** An account with the quickstart's locations, templates and networks. */
  addAccount(id: number, fields: Partial<AccountRecord> = {}): AccountRecord {
    if (this.state.data.accounts.some((a) => a.id === id)) throw new EmulatorError(409, `Account ${id} exists`);
    const account: AccountRecord = {
      id,
      client_id: 7741,
      order_id: 125879 + this.state.data.accounts.length,
      product_id: 193,
      category_slug: "cloud-datacenter",
      date_created: "2025-11-06",
      domain: `account${id}.dc`,
      status: "Active",
      billingcycle: "Monthly",
      next_due: "2025-12-06",
      location_id: "Global",
      is_trial: false,
      ppu_activated: true,
      ...fields,
    };
    this.state.data.accounts.push(account);
    const spain = { id: `${id}1012`, label: "Spain", account_id: id, created_at: "2017-01-16T12:03:49", updated_at: "2017-01-16T12:03:49" };
    const miami = { id: `${id}1013`, label: "Miami", account_id: id, created_at: "2017-01-16T12:03:53", updated_at: null };
    this.state.data.locations.push(spain, miami);
    const template = (suffix: string, label: string, distro: string, minDisk: number, minMemory: number, allowedSwap = 1): TemplateRecord => ({
      id: `${id}${suffix}`,
      label,
      status: "active",
      operating_system: label.includes("Windows") ? "windows" : "linux",
      operating_system_arch: "x64",
      operating_system_distro: distro,
      min_disk_size: minDisk,
      min_memory_size: minMemory,
      allowed_swap: allowedSwap,
      public: true,
      account_id: id,
    });
    this.state.data.templates.push(
      template("1012", "CentOS 6.0 x64 (Linux)", "rhel", 0, 0),
      template("1014", "CentOS 6.9 + cPanel 11 x64 (Linux) (NL)", "rhel", 5, 0),
      template("10116", "Debian 7 x64 (Linux)", "ubuntu", 5, 0),
      template("10120", "Ubuntu 24.04 x64 (Linux)", "ubuntu", 10, 1024),
      template("10130", "Windows Server 2022 x64 (Windows)", "windows", 40, 2048, 0),
    );
    for (const location of [spain, miami]) {
      this.state.data.networks.push({
        id: `${location.id}7`,
        label: `Public ${location.label}`,
        vlan: 100 + this.state.data.networks.length,
        network_group_id: `${location.id}5`,
        status: "active",
        multidatacenter: false,
        public: true,
        account_id: id,
        location_id: location.id,
      });
    }
    return account;
  }

  addNetwork(accountId: number, fields: Partial<NetworkRecord> & { label: string; location_id: string }): NetworkRecord {
    this.state.account(accountId);
    const network: NetworkRecord = {
      id: this.state.newId(accountId),
      vlan: 100 + this.state.data.networks.length,
      network_group_id: `${fields.location_id}5`,
      status: "active",
      multidatacenter: false,
      public: false,
      account_id: accountId,
      ...fields,
    };
    this.state.data.networks.push(network);
    return network;
  }

  addTemplate(accountId: number, fields: Partial<TemplateRecord> & { label: string }): TemplateRecord {
    this.state.account(accountId);
    const template: TemplateRecord = {
      id: this.state.newId(accountId),
      status: "active",
      operating_system: "linux",
      operating_system_arch: "x64",
      operating_system_distro: "ubuntu",
      min_disk_size: 0,
      min_memory_size: 0,
      allowed_swap: 1,
      public: true,
      account_id: accountId,
      ...fields,
    };
    this.state.data.templates.push(template);
    return template;
  }
}
