export {
  DEFAULT_GIGAS_API_KEY,
  DEFAULT_GIGAS_PASSWORD,
  DEFAULT_GIGAS_USERNAME,
  GigasEmulator,
  type GigasEmulatorOptions,
  type GigasUser,
} from "./emulator";
export { GigasApiError } from "./errors";
export {
  DEFAULT_ACCOUNT_ID as DEFAULT_GIGAS_ACCOUNT_ID,
  TRANSACTION_DURATIONS as GIGAS_TRANSACTION_DURATIONS,
  type DiskRecord as GigasDiskRecord,
  type FailurePlan as GigasFailurePlan,
  type FirewallRuleRecord as GigasFirewallRuleRecord,
  type TemplateRecord as GigasTemplateRecord,
  type TransactionKind as GigasTransactionKind,
  type VirtualMachineRecord as GigasVirtualMachineRecord,
} from "./records";
