import { QueryError, type RetryableQuery } from "@trustdesk/client";
import { buttonClassName, Card, EmptyState, PageHeader } from "@trustdesk/ui";
import type { ReactNode } from "react";
import { Link } from "react-router";

/**
 * A record page (an account, a ticket, a case) whose record did not load: when it does not exist,
 * say so with a way on (search, the queue, the list); otherwise the error with its retry.
 */
export function RecordLoadFailure({
  back,
  missing,
  title,
  notFound,
  errorTitle,
  query,
}: {
  back: ReactNode;
  /** The record does not exist (or the link cannot name one). */
  missing: boolean;
  /** The page's title while the record is merely unavailable. */
  title: string;
  notFound: { pageTitle: string; title: string; description: string; to: string; action: string };
  /** What the error says it could not load, e.g. "We couldn't load this case". */
  errorTitle: string;
  query: RetryableQuery;
}) {
  return (
    <>
      <PageHeader eyebrow={back} title={missing ? notFound.pageTitle : title} />
      <Card>
        {missing ? (
          <EmptyState
            icon="search"
            title={notFound.title}
            description={notFound.description}
            action={
              <Link to={notFound.to} className={buttonClassName({ variant: "secondary" })}>
                {notFound.action}
              </Link>
            }
          />
        ) : (
          <QueryError title={errorTitle} query={query} />
        )}
      </Card>
    </>
  );
}
