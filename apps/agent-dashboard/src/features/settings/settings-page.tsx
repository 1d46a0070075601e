import { Card, DescriptionList, PageHeader, useDocumentTitle } from "@trustdesk/ui";
import { staffRoleLabel } from "../layout/staff-role.ts";
import { useCurrentStaff } from "../session/session-context.tsx";
import { ChangePasswordCard } from "./change-password-card.tsx";
import { OwnSessionsCard } from "./own-sessions-card.tsx";
import { RecoveryCodesCard } from "./recovery-codes-card.tsx";
import "./settings.css";

/** "My account": every staff member's own password, recovery codes and sessions. */
export function SettingsPage() {
  useDocumentTitle("My account");
  const { staff } = useCurrentStaff();
  return (
    <>
      <PageHeader
        title="My account"
        description="Your sign-in: password, recovery codes and where you are signed in."
      />
      <div className="td-stack">
        <Card title="You">
          <DescriptionList
            items={[
              { term: "Name", description: staff.name },
              { term: "Work email", description: staff.email },
              { term: "Role", description: `${staffRoleLabel(staff.role)} — ask an admin to change it` },
            ]}
          />
        </Card>
        <ChangePasswordCard />
        <RecoveryCodesCard />
        <OwnSessionsCard />
      </div>
    </>
  );
}
