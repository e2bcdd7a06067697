import type { ResourceDefinition } from "../../provider/dynamic";
export { SETTINGS_KEYS as settingsKeys } from "../../provider/zoneid/client";

/**
 * ZoneID resource kinds, for the provider dispatcher. Each loads lazily.
 * Kinds are never renamed or removed: state written by older versions names them.
 */
export const definitions: Record<string, () => ResourceDefinition<any, any>> = {
  "zoneid:DnsZone": () => require("./dnsZone").dnsZoneDefinition,
  "zoneid:DnsRecord": () => require("./dnsRecord").dnsRecordDefinition,
  "zoneid:DnsZoneRecords": () => require("./dnsZoneRecords").dnsZoneRecordsDefinition,
  "zoneid:MailAccount": () => require("./mailAccount").mailAccountDefinition,
  "zoneid:MailForwarder": () => require("./mailForwarder").mailForwarderDefinition,
  "zoneid:MailAutoreply": () => require("./mailAutoreply").mailAutoreplyDefinition,
  "zoneid:MailPremium": () => require("./mailPremium").mailPremiumDefinition,
  "zoneid:MysqlDatabase": () => require("./mysqlDatabase").mysqlDatabaseDefinition,
  "zoneid:MysqlUser": () => require("./mysqlUser").mysqlUserDefinition,
  "zoneid:Crontab": () => require("./crontab").crontabDefinition,
  "zoneid:SshKey": () => require("./sshKey").sshKeyDefinition,
  "zoneid:SshAllowlistEntry": () => require("./sshAllowlistEntry").sshAllowlistEntryDefinition,
  "zoneid:SshSettings": () => require("./sshSettings").sshSettingsDefinition,
  "zoneid:Dkim": () => require("./dkim").dkimDefinition,
  "zoneid:SslCertificate": () => require("./sslCertificate").sslCertificateDefinition,
  "zoneid:FtpUser": () => require("./ftpUser").ftpUserDefinition,
  "zoneid:FtpAllowlistEntry": () => require("./ftpAllowlistEntry").ftpAllowlistEntryDefinition,
  "zoneid:CloudServer": () => require("./cloudServer").cloudServerDefinition,
  "zoneid:DomainNameserver": () => require("./domainNameserver").domainNameserverDefinition,
  "zoneid:DomainContact": () => require("./domainContact").domainContactDefinition,
  "zoneid:DomainSettings": () => require("./domainSettings").domainSettingsDefinition,
  "zoneid:Pm2Process": () => require("./pm2Process").pm2ProcessDefinition,
  "zoneid:PortForward": () => require("./portForward").portForwardDefinition,
  "zoneid:DedicatedIp": () => require("./dedicatedIp").dedicatedIpDefinition,
  "zoneid:Redis": () => require("./redis").redisDefinition,
  "zoneid:AdditionalPackage": () => require("./additionalPackage").additionalPackageDefinition,
  "zoneid:DomainRenewal": () => require("./domainRenewal").domainRenewalDefinition,
};
