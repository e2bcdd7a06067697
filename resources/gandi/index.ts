/** Gandi Simple Hosting (gandi.net): `import * as gandi from "pulumi-euro-hosting/gandi"`. */
export { SimpleHostingInstance, InstanceState, DeployAccess } from "./instance";
export { SimpleHostingInstanceArgs } from "./instanceArgs";
export { SimpleHostingVhost, SimpleHostingVhostArgs, VhostState, DnsInstructions } from "./vhost";
export {
  getApplications,
  getInstances,
  getInstanceUsage,
  restartInstance,
  resetDatabasePassword,
  enableConsole,
  purgeVhostCache,
  Application,
  InstanceSummary,
  InstanceUsage,
} from "./lookups";
