import { Button, Card, EmailField, FormErrorBlock, type FormErrors, SelectField } from "@trustdesk/ui";
import type { FormEventHandler, ReactNode } from "react";

export interface InviteCardProps {
  /** The card's heading and the form's name. */
  title: string;
  description: string;
  /** The form's mutation (`useFormMutation`): its errors and whether it is sending. */
  invite: { errors: FormErrors; isPending: boolean };
  onSubmit: FormEventHandler<HTMLFormElement>;
  emailLabel: string;
  /** The fields in the order the error summary lists them. */
  errorOrder: readonly string[];
  /** The roles the inviter may give, each worded for the select. */
  roles: ReadonlyArray<{ value: string; label: string }>;
  defaultRole: string;
  roleHint?: string | undefined;
  /** Said instead of the error summary when the whole form was refused (no field to fix). */
  refusal?: ReactNode;
  /** Fields between the email and the role. */
  children?: ReactNode;
  /** Extra classes of the form. */
  formClassName?: string;
  /** Lays the fields out in a grid of this class (the form's own column otherwise). */
  fieldsClassName?: string;
}

/**
 * Inviting someone by email with a role, in either app: the invitee gets a single-use link. The
 * app owns the mutation, the roles it may give and the words.
 */
export function InviteCard({
  title,
  description,
  invite,
  onSubmit,
  emailLabel,
  errorOrder,
  roles,
  defaultRole,
  roleHint,
  refusal,
  children,
  formClassName,
  fieldsClassName,
}: InviteCardProps) {
  const fields = (
    <>
      <EmailField
        id="invite-email"
        name="email"
        label={emailLabel}
        autoComplete="off"
        error={invite.errors.fields.email}
      />
      {children}
      <SelectField
        id="invite-role"
        name="role"
        label="Role"
        defaultValue={defaultRole}
        error={invite.errors.fields.role}
        hint={roleHint}
      >
        {roles.map((role) => (
          <option key={role.value} value={role.value}>
            {role.label}
          </option>
        ))}
      </SelectField>
    </>
  );
  return (
    <Card title={title} description={description}>
      <form
        className={formClassName ? `td-form ${formClassName}` : "td-form"}
        noValidate
        onSubmit={onSubmit}
        aria-label={title}
      >
        {refusal ?? <FormErrorBlock errors={invite.errors} idPrefix="invite" order={errorOrder} />}
        {fieldsClassName ? <div className={fieldsClassName}>{fields}</div> : fields}
        <div className="td-form__actions">
          <Button type="submit" loading={invite.isPending} loadingLabel="Sending invitation…">
            Send invitation
          </Button>
        </div>
      </form>
    </Card>
  );
}
