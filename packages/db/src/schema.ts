import type {
  AccountPlan,
  AccountState,
  ActivityKind,
  ActorType,
  CaseStatus,
  CompromiseReportSource,
  CredentialExposureSource,
  CustomerRole,
  EnforcementReason,
  EnforcementStatus,
  InvitableRole,
  InvitationEndedReason,
  MailStatus,
  ServiceScope,
  SessionRealm,
  SessionStage,
  StaffInvitationEndedReason,
  StaffRole,
  TicketAgeAlarm,
  TicketCategory,
  TicketMessageVisibility,
  TicketPriority,
  TicketStatus,
  VettingDecider,
  VettingOutcome,
} from "@trustdesk/domain";
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * Kysely's view of the schema in migrations/. Enumerated columns reuse the domain's unions,
 * so a value the database would refuse is already a type error.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;
/** A nullable column added later: inserts written before it may leave it out. */
type OptionalOnInsert<T, W = T> = ColumnType<T, W | undefined, W>;

export interface AccountsTable {
  id: Generated<string>;
  name: string;
  plan: ColumnType<AccountPlan, AccountPlan | undefined, AccountPlan>;
  website: string | null;
  country: string | null;
  signup_ip: string | null;
  /** Keyed hash of the portal's device id at sign-up (0013); null when none was sent. */
  signup_device_hash: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  created_at: CreatedAt;
  closed_at: Timestamp | null;
}

interface UserCredentialColumns {
  password_hash: string;
  password_changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
  totp_secret_enc: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: ColumnType<string | null, number | string | null, number | string | null>;
  failed_sign_ins: Generated<number>;
  locked_until: Timestamp | null;
  last_sign_in_at: Timestamp | null;
}

export interface CustomerUsersTable extends UserCredentialColumns {
  id: Generated<string>;
  account_id: string;
  email: string;
  name: string;
  role: CustomerRole;
  created_at: CreatedAt;
  /** Removed from the account: the row stays for history, sign-in and email look-ups skip it. */
  removed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface AccountInvitationsTable {
  id: Generated<string>;
  account_id: string;
  email: string;
  role: InvitableRole;
  token_hash: Buffer;
  invited_by_user_id: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  accepted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  accepted_user_id: ColumnType<string | null, string | null | undefined, string | null>;
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  ended_reason: ColumnType<
    InvitationEndedReason | null,
    InvitationEndedReason | null | undefined,
    InvitationEndedReason | null
  >;
  ended_by_user_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface StaffUsersTable extends UserCredentialColumns {
  id: Generated<string>;
  email: string;
  name: string;
  role: StaffRole;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
}

/** An invitation for a new colleague; becomes a staff_users row when accepted (0012). */
export interface StaffInvitationsTable {
  id: Generated<string>;
  email: string;
  name: string | null;
  role: StaffRole;
  token_hash: Buffer;
  invited_by_staff_id: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  accepted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  accepted_staff_id: ColumnType<string | null, string | null | undefined, string | null>;
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  ended_reason: ColumnType<
    StaffInvitationEndedReason | null,
    StaffInvitationEndedReason | null | undefined,
    StaffInvitationEndedReason | null
  >;
  ended_by_staff_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: Buffer;
  realm: SessionRealm;
  customer_user_id: string | null;
  staff_user_id: string | null;
  stage: SessionStage;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  revoked_at: Timestamp | null;
  revoked_reason: string | null;
}

export interface RecoveryCodesTable {
  id: Generated<string>;
  customer_user_id: string | null;
  staff_user_id: string | null;
  code_hash: Buffer;
  created_at: CreatedAt;
  used_at: Timestamp | null;
}

export interface PasswordResetTokensTable {
  id: Generated<string>;
  customer_user_id: string;
  token_hash: Buffer;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  requested_ip: string | null;
}

/** A sign-up form's request; an account exists only once its emailed link is opened (0007). */
export interface SignupRequestsTable {
  id: Generated<string>;
  email: string;
  name: string;
  account_name: string;
  website: string | null;
  country: string | null;
  password_hash: string;
  signup_ip: string | null;
  /** Keyed hash of the portal's device id (0013); null when none was sent. */
  device_hash: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  request_id: string | null;
  created_at: Timestamp;
  processed_at: Timestamp | null;
  token_hash: Buffer | null;
  expires_at: Timestamp | null;
}

/** A reset form's request, worked off the response path by a pass beside the outbox (0007). */
export interface PasswordResetRequestsTable {
  id: Generated<string>;
  email: string;
  requested_ip: string | null;
  request_id: string | null;
  created_at: Timestamp;
}

export interface RateLimitCountersTable {
  key: string;
  window_started_at: Timestamp;
  hits: number;
}

export interface CasesTable {
  id: Generated<string>;
  number: string;
  account_id: string;
  reason: EnforcementReason;
  status: ColumnType<CaseStatus, CaseStatus | undefined, CaseStatus>;
  hotline_number: string | null;
  summary: string;
  opened_by_staff_id: string | null;
  opened_by_service: string | null;
  created_at: CreatedAt;
  resolved_at: Timestamp | null;
}

export interface EnforcementsTable {
  id: Generated<string>;
  account_id: string;
  reason: EnforcementReason;
  status: ColumnType<EnforcementStatus, EnforcementStatus | undefined, EnforcementStatus>;
  policy_code: string;
  evidence: Json<Record<string, unknown>>;
  note: string | null;
  case_id: string | null;
  created_by_staff_id: string | null;
  created_by_service: string | null;
  created_at: CreatedAt;
  lifted_at: Timestamp | null;
  lifted_by_staff_id: string | null;
  lift_approved_by_staff_id: string | null;
  lift_decision: Json<Record<string, unknown>> | null;
  lift_requested_by_staff_id: ColumnType<string | null, string | null | undefined, string | null>;
  lift_requested_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  lift_request_note: ColumnType<string | null, string | null | undefined, string | null>;
  /** The last declined lift request: who declined it, when and why (0006). */
  lift_declined_by_staff_id: ColumnType<string | null, string | null | undefined, string | null>;
  lift_declined_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  lift_decline_note: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AccountStandingView {
  account_id: string;
  state: AccountState;
}

export interface VettingPoliciesTable {
  id: Generated<string>;
  version: number;
  rules: Json<unknown[]>;
  review_threshold: number;
  reject_threshold: number;
  active: Generated<boolean>;
  created_by_staff_id: string | null;
  created_at: CreatedAt;
  /** 0013: draft (one at a time), published (active or kept readable), discarded. */
  state: ColumnType<VettingPolicyState, VettingPolicyState | undefined, VettingPolicyState>;
  /** 0013: saves of a draft, for optimistic concurrency between editors. */
  revision: Generated<number>;
  note: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  published_by_staff_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export type VettingPolicyState = "draft" | "published" | "discarded";

export interface VettingDecisionsTable {
  id: Generated<string>;
  account_id: string;
  policy_version: number | null;
  outcome: VettingOutcome;
  score: Generated<number>;
  fired_rules: Json<unknown[]>;
  signals: Json<Record<string, unknown>>;
  decided_by: VettingDecider;
  decided_by_staff_id: string | null;
  note: string | null;
  appeal_ticket_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface ApiKeysTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  key_id: string;
  secret_hash: Buffer;
  created_by_user_id: string | null;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  disabled_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked_reason: string | null;
  /** Made while the account was suspended for takeover: unusable until the lift. */
  created_during_suspension: Generated<boolean>;
}

export interface CredentialExposuresTable {
  id: Generated<string>;
  api_key_id: string;
  account_id: string;
  source: CredentialExposureSource;
  location: string;
  found_at: CreatedAt;
  case_id: string | null;
  enforcement_id: string | null;
}

export interface TicketsTable {
  id: Generated<string>;
  number: ColumnType<string, never, never>;
  account_id: string;
  opened_by_user_id: string | null;
  category: TicketCategory;
  subject: string;
  status: ColumnType<TicketStatus, TicketStatus | undefined, TicketStatus>;
  priority: ColumnType<TicketPriority, TicketPriority | undefined, TicketPriority>;
  form: Json<Record<string, unknown>>;
  assignee_staff_id: string | null;
  case_id: string | null;
  enforcement_id: string | null;
  escalated_at: Timestamp | null;
  first_response_at: Timestamp | null;
  age_alarm: TicketAgeAlarm;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  solved_at: Timestamp | null;
  /** Grows with every staff change; a change based on an older version is refused. */
  version: Generated<number>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  /** Team time already spent paused (pending customer, on hold), before the first response. */
  clock_paused_ms: ColumnType<string, number | string | undefined, number | string>;
  clock_paused_since: OptionalOnInsert<Date | null, Date | string | null>;
  merged_into_ticket_id: OptionalOnInsert<string | null>;
  closed_at: OptionalOnInsert<Date | null, Date | string | null>;
  idempotency_key: OptionalOnInsert<string | null>;
  /** The team's time to the first public reply (the response clock's reading then), set once by it (0018). */
  first_response_team_ms: OptionalOnInsert<string | null, number | string | null>;
  /** Generated: created_at + clock_paused_ms; while the clock runs, team time = now - clock_origin. */
  clock_origin: ColumnType<Date, never, never>;
  /** Generated: 0 escalated waiting on the team, 1 waiting on the team, 2 pending customer, 3 on hold, 4 solved, 5 closed. */
  queue_rank: ColumnType<number, never, never>;
  /** Generated: English tsvector of the subject. */
  subject_vector: ColumnType<string, never, never>;
}

export interface TicketMessagesTable {
  id: Generated<string>;
  ticket_id: string;
  author_customer_user_id: string | null;
  author_staff_id: string | null;
  visibility: TicketMessageVisibility;
  body: string;
  redacted_key_count: Generated<number>;
  created_at: CreatedAt;
  idempotency_key: OptionalOnInsert<string | null>;
  /** Generated: English tsvector of the body. */
  search_vector: ColumnType<string, never, never>;
}

export interface AttachmentsTable {
  id: Generated<string>;
  ticket_message_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: Buffer;
  content: Buffer;
  created_at: CreatedAt;
}

export interface ActivityDailyTable {
  account_id: string;
  day: ColumnType<string, string, string>;
  mail_sent: ColumnType<string, number | string | undefined, number | string>;
  api_calls: ColumnType<string, number | string | undefined, number | string>;
  sign_ins: ColumnType<string, number | string | undefined, number | string>;
}

/** One warning sent by the dormancy scan: once per (account, idle period, lead time). */
export interface DormancyWarningsTable {
  account_id: string;
  idle_since: ColumnType<string, string, string>;
  lead_days: number;
  sent_on: ColumnType<string, string, string>;
  deactivate_on: ColumnType<string, string, string>;
  sent_at: CreatedAt;
}

export interface AuditEventsTable {
  id: ColumnType<string, never, never>;
  occurred_at: CreatedAt;
  actor_type: ActorType;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  account_id: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  request_id: string | null;
  ip: string | null;
}

export interface MailOutboxTable {
  id: Generated<string>;
  to_address: string;
  template: string;
  subject: string;
  text_body: string;
  status: ColumnType<MailStatus, MailStatus | undefined, MailStatus>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_error: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

export interface Database {
  accounts: AccountsTable;
  customer_users: CustomerUsersTable;
  account_invitations: AccountInvitationsTable;
  staff_users: StaffUsersTable;
  staff_invitations: StaffInvitationsTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
  password_reset_tokens: PasswordResetTokensTable;
  password_reset_requests: PasswordResetRequestsTable;
  signup_requests: SignupRequestsTable;
  rate_limit_counters: RateLimitCountersTable;
  cases: CasesTable;
  enforcements: EnforcementsTable;
  account_standing: AccountStandingView;
  vetting_policies: VettingPoliciesTable;
  vetting_decisions: VettingDecisionsTable;
  api_keys: ApiKeysTable;
  credential_exposures: CredentialExposuresTable;
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
  attachments: AttachmentsTable;
  activity_daily: ActivityDailyTable;
  dormancy_warnings: DormancyWarningsTable;
  audit_events: AuditEventsTable;
  mail_outbox: MailOutboxTable;
  service_tokens: ServiceTokensTable;
  activity_events: ActivityEventsTable;
  compromise_reports: CompromiseReportsTable;
  exposure_reports: ExposureReportsTable;
  customer_email_history: CustomerEmailHistoryTable;
  takeover_recovery_challenges: TakeoverRecoveryChallengesTable;
}

export type Account = Selectable<AccountsTable>;
export type CustomerUser = Selectable<CustomerUsersTable>;
export type NewCustomerUser = Insertable<CustomerUsersTable>;
export type StaffUser = Selectable<StaffUsersTable>;
export type Session = Selectable<SessionsTable>;
export type Ticket = Selectable<TicketsTable>;
export type TicketUpdate = Updateable<TicketsTable>;
export type Enforcement = Selectable<EnforcementsTable>;
export type Case = Selectable<CasesTable>;
export type MailOutboxRow = Selectable<MailOutboxTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;

export interface ServiceTokensTable {
  id: Generated<string>;
  name: string;
  token_prefix: string;
  token_hash: Buffer;
  scopes: ColumnType<ServiceScope[], ServiceScope[], ServiceScope[]>;
  created_by: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface ActivityEventsTable {
  event_id: string;
  account_id: string;
  kind: ActivityKind;
  quantity: number;
  occurred_at: Timestamp;
  received_at: CreatedAt;
  service_token_id: string | null;
}

export interface CompromiseReportsTable {
  id: Generated<string>;
  report_id: string;
  source: CompromiseReportSource;
  reporter_staff_id: string | null;
  reporter_service_token_id: string | null;
  account_id: string;
  summary: string;
  signals: Json<unknown[]>;
  enforcement_id: string | null;
  case_id: string | null;
  received_at: CreatedAt;
}

/** Every address a customer user has held (kept by a trigger on customer_users). */
export interface CustomerEmailHistoryTable {
  id: Generated<string>;
  customer_user_id: string;
  email: string;
  valid_from: Timestamp;
  valid_to: Timestamp | null;
}

/** One-time codes of the account-takeover recovery sign-in; the code itself is never stored. */
export interface TakeoverRecoveryChallengesTable {
  id: Generated<string>;
  customer_user_id: string;
  enforcement_id: string;
  sent_to: string;
  code_hash: Buffer;
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  requested_ip: string | null;
}

/** An internal scanner's report of a found key (`POST /v1/exposures`); never the key itself. */
export interface ExposureReportsTable {
  id: Generated<string>;
  reporter_service_token_id: string;
  finding_id: string;
  status: "revoked" | "already_revoked" | "unknown_key";
  api_key_id: string | null;
  case_id: string | null;
  received_at: CreatedAt;
}
