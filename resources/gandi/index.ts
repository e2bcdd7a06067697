/** Gandi Simple Hosting (gandi.net): `import * as gandi from "pulumi-euro-hosting/gandi"`. */
export { SimpleHostingInstance, SimpleHostingInstanceArgs, InstanceState, DeployAccess } from "./instance";
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
