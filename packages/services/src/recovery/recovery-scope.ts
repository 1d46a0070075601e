import { DomainError, RECOVERY_ONLY_MESSAGE, type TicketCategory } from "@trustdesk/domain";

interface Caller {
  recovery: boolean;
}

/**
 * A takeover-recovery session sees and opens only account-takeover tickets: the other tickets of the
 * account are none of its business until the owner is back in full.
 */
export function assertRecoveryMayOpenTicket(caller: Caller, category: TicketCategory): void {
  if (caller.recovery && category !== "account_takeover") {
    throw new DomainError("FORBIDDEN", RECOVERY_ONLY_MESSAGE, {
      fields: { category: "During recovery you can open an account-takeover ticket only" },
    });
  }
}

export function keepRecoveryTickets<T extends { category: TicketCategory }>(
  caller: Caller,
  tickets: T[],
): T[] {
  return caller.recovery ? tickets.filter((t) => t.category === "account_takeover") : tickets;
}

export function assertRecoveryMayRead<T extends { category: TicketCategory }>(caller: Caller, ticket: T): T {
  if (caller.recovery && ticket.category !== "account_takeover") {
    // Answered like an unknown ticket: the recovery session does not learn what else exists.
    throw new DomainError("NOT_FOUND", "We couldn't find that ticket.");
  }
  return ticket;
}
