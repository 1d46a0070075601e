import { ErrorState, FullPageError } from "@trustdesk/ui";
import { isForbidden, toApiError } from "./api-error.ts";

/** What an error state needs of a failed TanStack query. */
export interface RetryableQuery {
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

/**
 * A failed query as an error state: the message safe to show, the request id to quote and a retry.
 * `fullPage` when there is no shell around it yet (the session itself could not be read). A refusal
 * for the role (403) says so plainly, with no retry: trying again cannot change the answer.
 */
export function QueryError({
  query,
  title,
  fullPage = false,
}: {
  query: RetryableQuery;
  title: string;
  fullPage?: boolean;
}) {
  const api = toApiError(query.error);
  const State = fullPage ? FullPageError : ErrorState;
  if (isForbidden(api)) {
    return <State icon="lock" title="You don't have access to this" message={api.message} />;
  }
  return (
    <State
      title={title}
      message={api.message}
      requestId={api.requestId}
      onRetry={() => void query.refetch()}
      retrying={query.isFetching}
    />
  );
}
