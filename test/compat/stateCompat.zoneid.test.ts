import { describeRecordedStates } from "./recordedStates";

describeRecordedStates(["zoneid"]);
