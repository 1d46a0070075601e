// No zod here: both SPAs' query clients read this on first load (see staff-permissions.ts).

/**
 * The calls that carry files. The API admits a larger body for these alone (every other call keeps
 * the small limit), and the SPAs send them unbatched so a file never rides with other calls.
 */
export const ATTACHMENT_PROCEDURES: readonly string[] = ["customer.tickets.reply", "staff.tickets.reply"];
