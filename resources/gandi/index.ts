/** Gandi Simple Hosting (gandi.net): `import * as gandi from "pulumi-euro-hosting/gandi"`. */
export { SimpleHostingInstance, InstanceState, DeployAccess } from "./instance";
export { SimpleHostingInstanceArgs, FreeDomainArgs, DomainContactArgs } from "./instanceArgs";
export { SimpleHostingVhost, SimpleHostingVhostArgs, VhostState, DnsInstructions } from "./vhost";
export {
  getApplications,
  getApplication,
  getVhosts,
  getInstances,
  getInstanceUsage,
  restartInstance,
  resetDatabasePassword,
  enableConsole,
  purgeVhostCache,
  Application,
  InstanceSummary,
  InstanceUsage,
  VhostSummary,
} from "./lookups";
