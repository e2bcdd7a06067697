export {
  type CreateAttempt,
  DEFAULT_GANDI_API_KEY,
  DEFAULT_GANDI_TOKEN,
  GANDI_ORGANIZATION_ID,
  GandiEmulator,
  type GandiEmulatorOptions,
} from "./emulator";
export { GandiApiError } from "./errors";
export { DEFAULT_SHARING_ID, DEFAULT_TIMINGS, type GandiTimings, type SeedInstance, type StoredInstance, type StoredVhost } from "./records";
