import { buttonClassName, EmptyState, useDocumentTitle } from "@trustdesk/ui";
import { Link } from "react-router";
import { AuthPage } from "../auth/auth-page.tsx";

export function NotFoundPage() {
  useDocumentTitle("Page not found");
  return (
    <AuthPage title="Page not found">
      <EmptyState
        icon="search"
        title="We couldn't find that page"
        description="The link may be old or mistyped."
        action={
          <Link className={buttonClassName({ variant: "primary" })} to="/">
            Go to your overview
          </Link>
        }
      />
    </AuthPage>
  );
}
