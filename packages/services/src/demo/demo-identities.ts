/**
 * Demo sign-ins, seeded only outside production (the README lists them). The TOTP secrets are
 * public on purpose so a demo staff member can sign in from any authenticator app.
 */
export const DEMO_PASSWORD = "correct-horse-battery-staple";

export const DEMO_STAFF = [
  {
    email: "agent@trustdesk.test",
    name: "Alex Agent",
    role: "agent",
    totpSecret: "JBSWY3DPEHPK3PXPAGENTAGENTAGENT2",
  },
  {
    email: "lead@trustdesk.test",
    name: "Lee Lead",
    role: "lead",
    totpSecret: "JBSWY3DPEHPK3PXPLEADLEADLEADLEA2",
  },
  {
    email: "admin@trustdesk.test",
    name: "Ada Admin",
    role: "admin",
    totpSecret: "JBSWY3DPEHPK3PXPADMINADMINADMIN2",
  },
  {
    email: "fraud@trustdesk.test",
    name: "Frankie Fraud",
    role: "fraud_analyst",
    totpSecret: "JBSWY3DPEHPK3PXPFRAUDFRAUDFRAUD2",
  },
  {
    email: "security@trustdesk.test",
    name: "Sam Security",
    role: "security_analyst",
    totpSecret: "JBSWY3DPEHPK3PXPSECURITYSECURIT2",
  },
] as const;

export const DEMO_CUSTOMERS = [
  { email: "owner@acme.test", name: "Ada Lovelace", accountName: "Acme Newsletters", scenario: "healthy" },
  { email: "owner@bloom.test", name: "Blythe Bloom", accountName: "Bloom Florists", scenario: "healthy" },
  {
    email: "owner@northwind.test",
    name: "Nora Wind",
    accountName: "Northwind Traders",
    scenario: "account_takeover",
  },
  {
    email: "owner@quickpromo.test",
    name: "Quinn Promo",
    accountName: "Quick Promo Deals",
    scenario: "signup_vetting",
  },
  {
    email: "owner@sleepyhollow.test",
    name: "Ichabod Crane",
    accountName: "Sleepy Hollow Inn",
    scenario: "dormancy",
  },
  {
    email: "owner@pixelforge.test",
    name: "Pia Forge",
    accountName: "Pixel Forge",
    scenario: "exposed_credentials",
  },
] as const;

/**
 * More users of a demo account (named by its owner's email), so the Users page has people to
 * review, promote and remove, and a member shows what members see.
 */
export const DEMO_TEAM_MEMBERS = [
  { email: "admin@acme.test", name: "Grace Hopper", role: "admin", ownerEmail: "owner@acme.test" },
  { email: "member@acme.test", name: "Alan Turing", role: "member", ownerEmail: "owner@acme.test" },
] as const;
