import { nodeTestConfig } from "@trustdesk/vitest-config";

export default nodeTestConfig();
