/** ZoneID (Zone.eu): `import * as zoneid from "pulumi-euro-hosting/zoneid"`. */
export { DnsZone, DnsZoneArgs, ZoneState } from "./dnsZone";
export { DnsRecord, DnsRecordArgs, RecordState, RECORD_TYPES } from "./dnsRecord";
export { DnsZoneRecords, DnsZoneRecordsArgs, ZoneRecordSetArgs, ZONE_RECORD_TYPES, ZONEID_TTL } from "./dnsZoneRecords";
export { MailAccount, MailAccountArgs } from "./mailAccount";
export { MailForwarder, MailForwarderArgs } from "./mailForwarder";
export { MailAutoreply, MailAutoreplyArgs } from "./mailAutoreply";
export { MailPremium, MailPremiumArgs } from "./mailPremium";
export { MysqlDatabase, MysqlDatabaseArgs } from "./mysqlDatabase";
export { MysqlUser, MysqlUserArgs, MYSQL_PRIVILEGES } from "./mysqlUser";
export { Crontab, CrontabArgs } from "./crontab";
export { SshKey, SshKeyArgs } from "./sshKey";
export { SshAllowlistEntry, SshAllowlistEntryArgs } from "./sshAllowlistEntry";
export { SshSettings, SshSettingsArgs } from "./sshSettings";
export { Dkim, DkimArgs } from "./dkim";
export { SslCertificate, SslCertificateArgs } from "./sslCertificate";
export { FtpUser, FtpUserArgs } from "./ftpUser";
export { FtpAllowlistEntry, FtpAllowlistEntryArgs } from "./ftpAllowlistEntry";
export { CloudServer, CloudServerArgs, CloudServerState } from "./cloudServer";
export { DomainNameserver, DomainNameserverArgs } from "./domainNameserver";
export { DomainContact, DomainContactArgs } from "./domainContact";
export { DomainSettings, DomainSettingsArgs, DomainSettingsState } from "./domainSettings";
export { Pm2Process, Pm2ProcessArgs } from "./pm2Process";
export { PortForward, PortForwardArgs } from "./portForward";
export { DedicatedIp, DedicatedIpArgs } from "./dedicatedIp";
export { Redis, RedisArgs } from "./redis";
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
export { getMailAppPasswords, getMailPremium, MailAppPassword, MailPremiumPackage } from "./mailLookups";
