import { Banner, type BannerFact, buttonClassName, Checklist } from "@trustdesk/ui";
import { useId } from "react";
import { Link } from "react-router";
import { formatDate } from "../../lib/format.ts";
import type { AccountOverview } from "../../lib/trpc.ts";

type Restriction = AccountOverview["restrictions"][number];

/** Takeover and exposure are urgent and need the customer's action now; the others wait on a review. */
const URGENT = new Set(["account_takeover", "exposed_credentials"]);

/** The ticket category that asks about each restriction. */
const CATEGORY_OF: Record<string, string> = {
  account_takeover: "account_takeover",
  signup_vetting: "signup_vetting",
  dormancy: "dormant_account",
  exposed_credentials: "exposed_credentials",
};

export function RestrictionBanner({ restriction }: { restriction: Restriction }) {
  const checklistId = useId();
  const facts: BannerFact[] = [{ label: "Since", value: formatDate(restriction.since) }];
  if (restriction.caseNumber) facts.push({ label: "Case number", value: restriction.caseNumber });
  if (restriction.hotlineNumber) {
    facts.push({
      label: "Hotline",
      value: (
        <a href={`tel:${restriction.hotlineNumber.replace(/[^\d+]/g, "")}`}>{restriction.hotlineNumber}</a>
      ),
    });
  }
  const isTakeover = restriction.reason === "account_takeover";
  const mentionsApiKeys = restriction.checklist.some((item) => /API key/i.test(item.text));
  const category = CATEGORY_OF[restriction.reason] ?? "other";
  return (
    <Banner
      tone={URGENT.has(restriction.reason) ? "danger" : "warning"}
      icon={isTakeover ? "shield" : undefined}
      title={restriction.title}
      facts={facts}
      actions={
        <>
          {isTakeover ? (
            <Link className={buttonClassName({ variant: "primary" })} to="/settings/security">
              Secure your account
            </Link>
          ) : null}
          {mentionsApiKeys ? (
            <Link className={buttonClassName({ variant: "secondary" })} to="/settings/api-keys">
              Manage API keys
            </Link>
          ) : null}
          <Link className={buttonClassName({ variant: isTakeover ? "secondary" : "primary" })} to="/tickets">
            {isTakeover ? "Follow your ticket" : "View your tickets"}
          </Link>
          <Link className={buttonClassName({ variant: "ghost" })} to={`/tickets/new?category=${category}`}>
            Open a ticket
          </Link>
        </>
      }
    >
      <p>{restriction.explanation}</p>
      {restriction.reason === "dormancy" ? (
        <p>
          {restriction.lastActivityDay
            ? `The last activity we saw — email sent, an API call or a sign-in — was on ${formatDate(restriction.lastActivityDay)}.`
            : "We saw no activity on this account — no email sent, API call or sign-in — since it was created."}
        </p>
      ) : null}
      {restriction.reasonText ? <p>{restriction.reasonText}</p> : null}
      {restriction.checklist.length > 0 ? (
        <section aria-labelledby={checklistId} className="restriction-banner__checklist">
          <h3 id={checklistId} className="restriction-banner__checklist-title">
            What's needed to restore access
          </h3>
          <Checklist
            label="What's needed to restore access"
            showProgress
            doneText="Done"
            notDoneText="To do"
            items={restriction.checklist.map((item) => ({
              id: item.text,
              label: item.text,
              done: item.done,
            }))}
          />
          {restriction.checklist.every((item) => item.done) ? (
            <p className="restriction-banner__next" role="status">
              <strong>What happens next:</strong> {restriction.nextStep}
            </p>
          ) : null}
        </section>
      ) : null}
      {restriction.caseNumber ? (
        <p className="restriction-banner__quote">Quote your case number when you contact us.</p>
      ) : null}
    </Banner>
  );
}
