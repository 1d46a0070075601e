import { z } from "zod";

export const CustomerRole = z.enum(["owner", "admin", "member"]);
export type CustomerRole = z.infer<typeof CustomerRole>;

export const StaffRole = z.enum(["agent", "lead", "admin", "fraud_analyst", "security_analyst"]);
export type StaffRole = z.infer<typeof StaffRole>;

export const SessionRealm = z.enum(["customer", "staff"]);
export type SessionRealm = z.infer<typeof SessionRealm>;

/**
 * full: everything the role allows. recovery: the ATO recovery sign-in (reset password, enrol 2FA,
 * the takeover ticket). second_factor: password checked, TOTP still owed. totp_enrolment: a staff
 * member whose password is checked but who has no TOTP yet and must enrol before anything else.
 */
export const SessionStage = z.enum(["full", "recovery", "second_factor", "totp_enrolment"]);
export type SessionStage = z.infer<typeof SessionStage>;
