import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormMutation } from "@trustdesk/client";
import { FIRST_RESPONSE_HOURS, type TicketCategory } from "@trustdesk/domain";
import {
  Alert,
  Button,
  buttonClassName,
  Card,
  Checkbox,
  FormErrorBlock,
  type FormErrors,
  PageHeader,
  SelectField,
  TextAreaField,
  TextField,
  useDocumentTitle,
} from "@trustdesk/ui";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { formatDate, newSubmitKey } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";
import {
  CATEGORIES,
  categoryLabel,
  FIELD_ORDER,
  isTicketCategory,
  parseOpenTicket,
} from "./new-ticket-form.ts";

const ID = "new-ticket";
const id = (name: string) => `${ID}-${name}`;

export interface TicketOpenedState {
  opened: { number: number; redactedKeys: number };
}

export function NewTicketPage() {
  useDocumentTitle("New ticket");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const preset = params.get("category");
  const [category, setCategory] = useState<TicketCategory | "">(isTicketCategory(preset) ? preset : "");
  const open = useFormMutation(trpc.customer.tickets.open.mutationOptions());
  const { errors } = open;
  // One key per submit: a double click or a retry after a lost answer opens one ticket.
  const [submitKey] = useState(newSubmitKey);

  const onSubmit = open.handleSubmit(
    (values) => parseOpenTicket(values, submitKey),
    () => ({
      onSuccess: async (data) => {
        await queryClient.invalidateQueries({ queryKey: trpc.customer.tickets.list.queryKey() });
        const state: TicketOpenedState = { opened: { number: data.number, redactedKeys: data.redactedKeys } };
        navigate("/tickets", { state });
      },
    }),
  );

  return (
    <>
      <PageHeader
        title="New ticket"
        description={`Tell our Consumer Trust team what you need. We help by ticket only — there is no live chat — and a first response comes within ${FIRST_RESPONSE_HOURS.expected}–${FIRST_RESPONSE_HOURS.latest} hours.`}
      />
      <div className="td-stack new-ticket-page">
        <Card>
          <form className="td-form new-ticket-form" noValidate onSubmit={onSubmit} aria-label="New ticket">
            <FormErrorBlock errors={errors} idPrefix={ID} order={FIELD_ORDER} />
            <SelectField
              id={id("category")}
              name="category"
              label="What is your ticket about?"
              value={category}
              onChange={(event) => {
                const next = event.currentTarget.value;
                setCategory(isTicketCategory(next) ? next : "");
              }}
              error={errors.fields.category}
            >
              <option value="">Choose a category</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {categoryLabel(c)}
                </option>
              ))}
            </SelectField>

            {category ? <ExistingTicketNotice category={category} /> : null}
            {category ? <CategoryFields category={category} errors={errors} /> : null}

            <TextField
              id={id("subject")}
              name="subject"
              label="Subject"
              hint="A short summary, e.g. “Reactivate our newsletter account”"
              maxLength={200}
              autoComplete="off"
              required
              error={errors.fields.subject}
            />
            <TextAreaField
              id={id("body")}
              name="body"
              label="Message"
              hint="What happened and what you need from us. Never paste an API key: we detect keys, redact them before we store the message, and treat them as exposed (revoked)."
              rows={8}
              maxLength={20_000}
              required
              error={errors.fields.body}
            />
            <Alert tone="info">
              Tickets only, no chat: we reply here and by email. Expect a first response within{" "}
              {FIRST_RESPONSE_HOURS.expected}–{FIRST_RESPONSE_HOURS.latest} hours.
            </Alert>
            <div className="td-form__actions">
              <Button type="submit" loading={open.isPending} loadingLabel="Sending ticket…">
                Send ticket
              </Button>
              <Link to="/tickets" className={buttonClassName({ variant: "ghost" })}>
                Cancel
              </Link>
            </div>
          </form>
        </Card>
      </div>
    </>
  );
}

/**
 * A ticket about this restriction is already open: we offer it (writing there keeps the history in
 * one place and gets the answer sooner), and the customer may still go on with a new one.
 */
function ExistingTicketNotice({ category }: { category: TicketCategory }) {
  const trpc = useTRPC();
  const existing = useQuery(trpc.customer.tickets.openAbout.queryOptions({ category }));
  const t = existing.data;
  if (!t) return null;
  return (
    <Alert tone="info" live="polite" title={`You already have an open ticket about this: #${t.number}`}>
      <p>
        <Link to={`/tickets/${t.id}`} className="td-link">
          “{t.subject}”
        </Link>{" "}
        (opened {formatDate(t.createdAt)}). Replying there keeps everything in one conversation and reaches
        the same team. You can still open a new ticket below.
      </p>
    </Alert>
  );
}

function CategoryFields({ category, errors }: { category: TicketCategory; errors: FormErrors }) {
  const e = errors.fields;
  switch (category) {
    case "account_takeover":
      return <TakeoverFields errors={errors} />;
    case "signup_vetting":
      return (
        <fieldset className="td-fieldset new-ticket-fieldset">
          <legend>About your sign-up</legend>
          <Checkbox
            id={id("form.appeal")}
            name="form.appeal"
            defaultChecked
            label="I'm appealing the decision on my sign-up"
            hint="Uncheck if you only have a question about the review."
            error={e["form.appeal"]}
          />
          <TextAreaField
            id={id("form.businessDescription")}
            name="form.businessDescription"
            label="Describe your business"
            hint="What you do, who your recipients are and how they signed up."
            optional
            rows={4}
            maxLength={2000}
            error={e["form.businessDescription"]}
          />
        </fieldset>
      );
    case "dormant_account":
      return (
        <fieldset className="td-fieldset new-ticket-fieldset">
          <legend>About the reactivation</legend>
          <TextAreaField
            id={id("form.intendedUse")}
            name="form.intendedUse"
            label="What will you send, and to whom?"
            hint="A sentence or two, at least 20 characters."
            rows={3}
            required
            error={e["form.intendedUse"]}
          />
          <TextField
            id={id("form.expectedMonthlyVolume")}
            name="form.expectedMonthlyVolume"
            label="Expected emails per month"
            inputMode="numeric"
            autoComplete="off"
            required
            error={e["form.expectedMonthlyVolume"]}
          />
          <TextAreaField
            id={id("form.sendingDomains")}
            name="form.sendingDomains"
            label="Sending domains"
            hint="One per line, e.g. example.com"
            rows={3}
            required
            spellCheck={false}
            autoCapitalize="off"
            error={e["form.sendingDomains"]}
          />
        </fieldset>
      );
    case "exposed_credentials":
      return (
        <fieldset className="td-fieldset new-ticket-fieldset">
          <legend>About the exposed key</legend>
          <TextAreaField
            id={id("form.whereLeaked")}
            name="form.whereLeaked"
            label="Where was the key published?"
            hint="E.g. the repository or page address. Don't paste the key itself."
            rows={3}
            maxLength={2000}
            required
            error={e["form.whereLeaked"]}
          />
          <Checkbox
            id={id("form.rotationConfirmed")}
            name="form.rotationConfirmed"
            label="I revoked the exposed key, created a replacement and removed it from where it leaked"
            hint={
              <>
                Manage your keys on the <Link to="/settings/api-keys">API keys</Link> page.
              </>
            }
            error={e["form.rotationConfirmed"]}
          />
        </fieldset>
      );
    case "other":
      return null;
  }
}

function TakeoverFields({ errors }: { errors: FormErrors }) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.customer.account.overview.queryOptions());
  const caseNumber =
    overview.data?.restrictions.find((r) => r.reason === "account_takeover")?.caseNumber ?? undefined;
  const e = errors.fields;
  return (
    <fieldset className="td-fieldset new-ticket-fieldset">
      <legend>About the takeover</legend>
      <TextField
        // Remount once the overview arrives, so the case number fills in.
        key={caseNumber ?? "none"}
        id={id("form.caseNumber")}
        name="form.caseNumber"
        label="Case number"
        hint={
          caseNumber
            ? "The case of your account's takeover restriction."
            : "If we gave you one, e.g. TD-2026-001042."
        }
        defaultValue={caseNumber}
        optional
        autoComplete="off"
        spellCheck={false}
        error={e["form.caseNumber"]}
      />
      <Checkbox
        id={id("form.escalate")}
        name="form.escalate"
        label="Escalate: someone is still using my account or sending from it"
        hint="Escalated tickets go to the top of our queue."
        error={e["form.escalate"]}
      />
    </fieldset>
  );
}
