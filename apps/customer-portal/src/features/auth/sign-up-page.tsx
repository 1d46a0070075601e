import { parseWith, useFormMutation } from "@trustdesk/client";
import { CustomerSignUpInput } from "@trustdesk/domain";
import {
  Alert,
  Button,
  EmailField,
  FormErrorBlock,
  LoadingState,
  PasswordField,
  SelectField,
  TextField,
  useDocumentTitle,
} from "@trustdesk/ui";
import { useState } from "react";
import { Link, Navigate } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { useSession } from "../session/use-session.ts";
import { AuthPage } from "./auth-page.tsx";
import { countryOptions } from "./countries.ts";
import { deviceId } from "./device-id.ts";

const FIELD_ORDER = ["name", "email", "password", "accountName", "website", "country"];
const COUNTRIES = countryOptions();

export function SignUpPage() {
  useDocumentTitle("Create your account");
  const trpc = useTRPC();
  const session = useSession();
  const [sentTo, setSentTo] = useState<string | null>(null);
  // The answer is "check your email" for every address (new or already a customer), so the form
  // never tells anyone who has an account; the mail says what comes next.
  const signUp = useFormMutation(trpc.customer.auth.signUp.mutationOptions());

  if (session.isPending) return <LoadingState fullPage label="Checking your session…" />;
  if (session.data && session.data.stage !== "second_factor") return <Navigate to="/" replace />;

  const onSubmit = signUp.handleSubmit(
    (values) =>
      parseWith(CustomerSignUpInput, {
        ...values,
        website: values.website ?? "",
        country: values.country?.trim() ? values.country : undefined,
        deviceId: deviceId(),
      }),
    (input) => ({ onSuccess: () => setSentTo(input.email) }),
  );
  const { errors } = signUp;

  if (sentTo) {
    return (
      <AuthPage
        title="Check your email"
        footer={
          <p>
            Already have an account? <Link to="/sign-in">Sign in</Link>
          </p>
        }
      >
        <div className="td-stack td-stack--md">
          <Alert tone="success" live="polite">
            We sent a mail to <strong>{sentTo}</strong>. Open the link in it to finish creating your account.
          </Alert>
          <div className="td-prose td-text-small">
            <p>
              The link works once and for 24 hours. It can take a few minutes to arrive: check your spam
              folder too.
            </p>
            <p>
              If this address already has an account, the mail says so instead: sign in, or reset your
              password if you forgot it.
            </p>
          </div>
          <Button variant="secondary" block onClick={() => setSentTo(null)}>
            Use another address
          </Button>
        </div>
      </AuthPage>
    );
  }

  return (
    <AuthPage
      title="Create your account"
      description="Every new account is checked automatically before it can send email. Accurate details help us approve yours quickly."
      width="wide"
      footer={
        <p>
          Already have an account? <Link to="/sign-in">Sign in</Link>
        </p>
      }
    >
      <form className="td-form" noValidate onSubmit={onSubmit} aria-label="Create your account">
        <FormErrorBlock errors={errors} idPrefix="sign-up" order={FIELD_ORDER} />
        <div className="td-form__row">
          <TextField
            id="sign-up-name"
            name="name"
            label="Your name"
            autoComplete="name"
            required
            error={errors.fields.name}
          />
          <EmailField id="sign-up-email" name="email" label="Work email" error={errors.fields.email} />
        </div>
        <PasswordField
          id="sign-up-password"
          name="password"
          label="Password"
          autoComplete="new-password"
          hint="At least 12 characters. A few unrelated words make a strong, memorable password."
          required
          error={errors.fields.password}
        />
        <TextField
          id="sign-up-accountName"
          name="accountName"
          label="Company or project name"
          autoComplete="organization"
          required
          error={errors.fields.accountName}
        />
        <div className="td-form__row">
          <TextField
            id="sign-up-website"
            name="website"
            label="Website"
            optional
            placeholder="acme.example"
            autoComplete="url"
            inputMode="url"
            spellCheck={false}
            autoCapitalize="off"
            hint="The site you will send email for, such as acme.example."
            error={errors.fields.website}
          />
          <SelectField
            id="sign-up-country"
            name="country"
            label="Country"
            optional
            autoComplete="country"
            defaultValue=""
            error={errors.fields.country}
          >
            <option value="">Choose a country</option>
            {COUNTRIES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </SelectField>
        </div>
        <Button type="submit" size="lg" block loading={signUp.isPending} loadingLabel="Sending…">
          Create account
        </Button>
      </form>
    </AuthPage>
  );
}
