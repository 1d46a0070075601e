import { toApiError } from "@trustdesk/client";
import { ErrorState } from "@trustdesk/ui";

/** When the session itself cannot be read there is no shell to show: a centered error. */
export function FullPageError({
  error,
  onRetry,
  retrying,
}: {
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
}) {
  const api = toApiError(error);
  return (
    <main id="main" className="td-auth">
      <div className="td-auth__main td-auth__main--narrow">
        <div className="td-auth__card">
          <ErrorState
            title="We couldn't load the dashboard"
            message={api.message}
            requestId={api.requestId}
            onRetry={onRetry}
            retrying={retrying}
          />
        </div>
      </div>
    </main>
  );
}
