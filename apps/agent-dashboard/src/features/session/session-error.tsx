import { QueryError, type RetryableQuery } from "@trustdesk/client";

/** When the session itself cannot be read there is no shell to show: a centered error. */
export function SessionError({ session }: { session: RetryableQuery }) {
  return <QueryError fullPage title="We couldn't load the dashboard" query={session} />;
}
