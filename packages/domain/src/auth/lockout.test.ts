import { describe, expect, it } from "vitest";
import { afterFailedAttempt, isLocked } from "./lockout.ts";

const policy = { threshold: 3, baseMinutes: 10 };
const now = new Date("2030-01-01T00:00:00Z");
const minutes = (m: number) => new Date(now.getTime() + m * 60_000);

describe("the sign-in lockout policy", () => {
  it("counts failures below the threshold without locking", () => {
    expect(afterFailedAttempt({ failedSignIns: 0, lockedUntil: null }, now, policy)).toEqual({
      failedSignIns: 1,
      lockedUntil: null,
      newlyLocked: false,
    });
  });

  it("locks at the threshold, from the clock it is given, and says it is a new lockout", () => {
    expect(afterFailedAttempt({ failedSignIns: 2, lockedUntil: null }, now, policy)).toEqual({
      failedSignIns: 3,
      lockedUntil: minutes(10),
      newlyLocked: true,
    });
  });

  it("doubles each further failure, up to 64 times the base", () => {
    const expired = { lockedUntil: new Date(now.getTime() - 1) };
    expect(afterFailedAttempt({ failedSignIns: 3, ...expired }, now, policy).lockedUntil).toEqual(
      minutes(20),
    );
    expect(afterFailedAttempt({ failedSignIns: 4, ...expired }, now, policy).lockedUntil).toEqual(
      minutes(40),
    );
    expect(afterFailedAttempt({ failedSignIns: 50, ...expired }, now, policy).lockedUntil).toEqual(
      minutes(640),
    );
  });

  it("a failure after a lock ran out is a new lockout; one while locked is not", () => {
    expect(
      afterFailedAttempt({ failedSignIns: 3, lockedUntil: new Date(now.getTime() - 1) }, now, policy)
        .newlyLocked,
    ).toBe(true);
    expect(afterFailedAttempt({ failedSignIns: 3, lockedUntil: minutes(1) }, now, policy).newlyLocked).toBe(
      false,
    );
  });

  it("is locked only strictly before locked_until", () => {
    expect(isLocked({ failedSignIns: 5, lockedUntil: minutes(1) }, now)).toBe(true);
    expect(isLocked({ failedSignIns: 5, lockedUntil: now }, now)).toBe(false);
    expect(isLocked({ failedSignIns: 5, lockedUntil: null }, now)).toBe(false);
  });
});
