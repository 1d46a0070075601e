import { CellText, type DataColumn } from "@trustdesk/ui";
import type { ReactNode } from "react";
import { Link } from "react-router";

/** A link to an account's page (its whole trust picture), from any list that names the account. */
export function AccountLink({
  id,
  name,
  strong = false,
  linkId,
}: {
  id: string;
  name: string;
  strong?: boolean;
  /** The element id, when the link names a region. */
  linkId?: string;
}) {
  return (
    <Link
      id={linkId}
      to={`/accounts/${encodeURIComponent(id)}`}
      className={strong ? "account-link" : undefined}
    >
      {name}
    </Link>
  );
}

/** The first column of a list of accounts: the account's name, linked, over a second line. */
export function accountColumn<T>(
  pick: (row: T) => { id: string; name: string; secondary: ReactNode; strong?: boolean },
): DataColumn<T> {
  return {
    key: "account",
    header: "Account",
    rowHeader: true,
    cell: (row) => {
      const a = pick(row);
      return (
        <CellText secondary={a.secondary}>
          <AccountLink id={a.id} name={a.name} strong={a.strong} />
        </CellText>
      );
    },
  };
}
