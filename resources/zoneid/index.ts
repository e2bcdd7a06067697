/** ZoneID (Zone.eu): `import * as zoneid from "pulumi-euro-hosting/zoneid"`. */
export { DnsZone, DnsZoneArgs, ZoneState } from "./dnsZone";
export { DnsRecord, DnsRecordArgs, RecordState, RECORD_TYPES } from "./dnsRecord";
export { MailAccount, MailAccountArgs } from "./mailAccount";
export { MailForwarder, MailForwarderArgs } from "./mailForwarder";
export { MysqlDatabase, MysqlDatabaseArgs } from "./mysqlDatabase";
export { MysqlUser, MysqlUserArgs, MYSQL_PRIVILEGES } from "./mysqlUser";
export { Crontab, CrontabArgs } from "./crontab";
export { SshKey, SshKeyArgs } from "./sshKey";
export { SslCertificate, SslCertificateArgs } from "./sslCertificate";
export { FtpUser, FtpUserArgs } from "./ftpUser";
export { CloudServer, CloudServerArgs, CloudServerState } from "./cloudServer";
export { DomainNameserver, DomainNameserverArgs } from "./domainNameserver";
export { DomainContact, DomainContactArgs } from "./domainContact";
export { DomainSettings, DomainSettingsArgs, DomainSettingsState } from "./domainSettings";
export { AdditionalPackage, AdditionalPackageArgs } from "./additionalPackage";
export { DomainRenewal, DomainRenewalArgs } from "./domainRenewal";
export {
  getBillingPackages,
  getCrontabOptions,
  getFtpCountries,
  getMysqlCollations,
  getMysqlPrivileges,
  getMysqlPermission,
  getDomainOptions,
  getDomainPreferences,
  getDomainOrders,
  getServerInfo,
  getTurbos,
  getZoneCloudAccounts,
  getZoneCloudOptions,
  DomainOptions,
  DomainOrder,
  ServerInfo,
  Turbo,
  ZoneCloudAccount,
} from "./optionLookups";
export { getZone, getRecords, getDomains, getCloudServer, getCloudOrderOptions, CloudServerFacts } from "./lookups";
