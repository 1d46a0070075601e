import { LoadingState } from "@trustdesk/ui";
import type { ReactNode } from "react";
import { QueryError } from "./query-error.tsx";

/** What `QueryView` needs of a TanStack query. */
export interface ViewableQuery<T> {
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  data: T | undefined;
  error: unknown;
  refetch: () => unknown;
}

/**
 * The states of a page's query in one place: loading (announced), failed (the message, the request
 * id and a retry; a refusal as such), empty, then the data.
 */
export function QueryView<T>({
  query,
  loadingLabel,
  errorTitle,
  isEmpty = (data) => Array.isArray(data) && data.length === 0,
  empty,
  children,
}: {
  query: ViewableQuery<T>;
  loadingLabel: string;
  errorTitle: string;
  /** With `empty`: when the data has nothing to show (by default: an empty list). */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingState label={loadingLabel} />;
  if (query.isError || query.data === undefined) return <QueryError title={errorTitle} query={query} />;
  if (empty !== undefined && isEmpty(query.data)) return empty;
  return children(query.data);
}
