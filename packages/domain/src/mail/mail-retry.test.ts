import { describe, expect, it } from "vitest";
import { afterFailedDelivery, MAIL_RETRY } from "./mail-retry.ts";

describe("afterFailedDelivery", () => {
  it("doubles the wait from 30 s and caps it at an hour", () => {
    const waits = [1, 2, 3, 4, 7, 8, 20].map((n) => afterFailedDelivery(n, 100).retryInSeconds);
    expect(waits).toEqual([30, 60, 120, 240, 1920, 3600, 3600]);
  });

  it("keeps retrying until the last attempt, then gives up", () => {
    expect(afterFailedDelivery(MAIL_RETRY.maxAttempts - 1).status).toBe("pending");
    expect(afterFailedDelivery(MAIL_RETRY.maxAttempts).status).toBe("failed");
    expect(afterFailedDelivery(2, 2).status).toBe("failed");
  });
});
