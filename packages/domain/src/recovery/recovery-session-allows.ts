// No zod here: the portal's layout shows this list on first load (see staff-permissions.ts).

/**
 * What a recovery session may do. Everything else answers with `RECOVERY_ONLY_MESSAGE`. The list is
 * here (not scattered over routers) so the portal can show the same steps the API allows.
 */
export const RECOVERY_SESSION_ALLOWS = [
  "set a new password",
  "set up two-step verification again",
  "review and revoke API keys",
  "review and sign out sessions",
  "review and remove the account's users",
  "open or follow your account-takeover ticket",
] as const;
