import { buttonClassName, Card, EmptyState, PageHeader, useDocumentTitle } from "@trustdesk/ui";
import { Link, useParams } from "react-router";

/** Placeholder for the account's trust context (enforcements, cases, vetting) beside its tickets. */
export function AccountPage() {
  useDocumentTitle("Account");
  const { accountId = "" } = useParams();
  return (
    <>
      <PageHeader
        eyebrow={
          <Link to="/queue" className="back-link">
            ← Queue
          </Link>
        }
        title="Account"
        description={
          <>
            Account ID <code className="td-code">{accountId}</code>
          </>
        }
      />
      <Card>
        <EmptyState
          icon="shield"
          title="The account view is coming"
          description="Enforcements, cases, vetting decisions and the account's tickets will be shown here."
          action={
            <Link to="/queue" className={buttonClassName({ variant: "secondary" })}>
              Back to the queue
            </Link>
          }
        />
      </Card>
    </>
  );
}
