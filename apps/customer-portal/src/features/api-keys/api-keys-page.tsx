import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { isForbidden, parseWith, QueryError, toApiError, useFormMutation } from "@trustdesk/client";
import { CreateApiKeyInput } from "@trustdesk/domain";
import {
  Alert,
  Button,
  Card,
  CodeValue,
  ConfirmDialog,
  EmptyState,
  FormErrorBlock,
  LoadingState,
  PageHeader,
  type ParseResult,
  StatusPill,
  Table,
  TextField,
  useDocumentTitle,
} from "@trustdesk/ui";
import { useEffect, useRef, useState } from "react";
import { formatDateTime } from "../../lib/format.ts";
import { type CreatedApiKey, type CustomerApiKey, useTRPC } from "../../lib/trpc.ts";
import { useCurrentSession } from "../session/session-context.tsx";
import { apiKeyStatePresentation } from "./api-key-state.ts";

const MANAGERS_ONLY = "Only the account's owner or an admin can create or revoke API keys.";

/** The API's own rule for a key's name (the domain's `CreateApiKeyInput`). */
function parseKeyName(values: Record<string, string>): ParseResult<CreateApiKeyInput> {
  return parseWith(CreateApiKeyInput, { name: values.name ?? "" });
}

export function ApiKeysPage() {
  useDocumentTitle("API keys");
  const trpc = useTRPC();
  const session = useCurrentSession();
  const canManage = session.user.role === "owner" || session.user.role === "admin";
  const keys = useQuery(trpc.customer.apiKeys.list.queryOptions());
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<CustomerApiKey | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let your applications send through our API. We only ever show a key in full once, when you create it; after that you see its prefix."
      />
      <div className="td-stack api-keys-page">
        {canManage ? null : (
          <Alert tone="info" title="You can see this account's keys, but not change them">
            {MANAGERS_ONLY} Ask one of them if a key needs replacing.
          </Alert>
        )}
        {created ? <NewKeyNotice created={created} onDone={() => setCreated(null)} /> : null}
        {revoked ? (
          <Alert tone="success" live="polite">
            The key “{revoked}” was revoked. Applications using it can no longer send.
          </Alert>
        ) : null}
        {canManage && !created ? (
          <CreateKeyCard
            onCreated={(key) => {
              setRevoked(null);
              setCreated(key);
            }}
          />
        ) : null}
        <Card title="Your keys" flush>
          {keys.isPending ? (
            <LoadingState label="Loading your API keys…" />
          ) : keys.isError ? (
            <QueryError title="We couldn't load your API keys" query={keys} />
          ) : keys.data.length === 0 ? (
            <EmptyState
              title="No API keys yet"
              description={
                canManage
                  ? "Create a key above for each application that sends through our API."
                  : "Nobody has created a key for this account yet."
              }
            />
          ) : (
            <KeyTable
              keys={keys.data}
              canManage={canManage}
              onRevoke={(key) => {
                setRevoked(null);
                setRevoking(key);
              }}
            />
          )}
        </Card>
      </div>
      {revoking ? (
        <RevokeDialog
          apiKey={revoking}
          onCancel={() => setRevoking(null)}
          onRevoked={() => {
            setRevoked(revoking.name);
            setRevoking(null);
          }}
        />
      ) : null}
    </>
  );
}

function CreateKeyCard({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useFormMutation(
    trpc.customer.apiKeys.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.customer.apiKeys.list.queryKey() }),
    }),
  );
  const forbidden = create.isError && isForbidden(toApiError(create.error));
  const onSubmit = create.handleSubmit(parseKeyName, (_input, form) => ({
    onSuccess: (data) => {
      form.reset();
      onCreated(data);
    },
  }));
  return (
    <Card
      title="Create a key"
      description="Use one key per application, so you can replace one without touching the others."
    >
      <form className="td-form api-keys-form" noValidate onSubmit={onSubmit} aria-label="Create an API key">
        {forbidden ? (
          <Alert tone="danger" live="assertive" title="You can't create API keys">
            {MANAGERS_ONLY}
          </Alert>
        ) : (
          <FormErrorBlock errors={create.errors} idPrefix="create-key" order={["name"]} />
        )}
        <TextField
          id="create-key-name"
          name="name"
          label="Key name"
          hint="Say what uses it, e.g. Production sender"
          maxLength={100}
          autoComplete="off"
          required
          error={create.errors.fields.name}
        />
        <div className="td-form__actions">
          <Button type="submit" loading={create.isPending} loadingLabel="Creating key…">
            Create key
          </Button>
        </div>
      </form>
    </Card>
  );
}

function NewKeyNotice({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  // Focus moves here (the form that had it is gone); the key itself is not announced as a live region.
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section ref={ref} tabIndex={-1} aria-label="Your new API key" className="api-keys-new">
      <Alert tone="warning" title="Copy your new key now: you won't see it again">
        <div className="td-stack td-stack--md">
          <p>
            This is the only time we show the full key. We store only a fingerprint of it, so nobody — not
            even our team — can show it to you later. If you lose it, revoke it and create another.
          </p>
          <div>
            <p className="td-text-small">
              <strong>Your new API key</strong> (prefix <code className="td-code">{created.prefix}</code>)
            </p>
            <CodeValue value={created.key} copyLabel="Copy key" className="api-keys-new__value" />
          </div>
          {created.usableAfterLift ? (
            <p className="td-text-small">
              <strong>This key starts working when our team restores your account.</strong> Keys made during a
              takeover suspension wait for that review.
            </p>
          ) : null}
          <p className="td-text-small">
            Never paste a key into a ticket or an email: we treat that as a leak.
          </p>
          <div>
            <Button variant="secondary" onClick={onDone}>
              I've copied it, hide the key
            </Button>
          </div>
        </div>
      </Alert>
    </section>
  );
}

function KeyTable({
  keys,
  canManage,
  onRevoke,
}: {
  keys: readonly CustomerApiKey[];
  canManage: boolean;
  onRevoke: (key: CustomerApiKey) => void;
}) {
  return (
    <Table
      caption={`${keys.length} ${keys.length === 1 ? "key" : "keys"}, newest first`}
      captionHidden
      className="stacked-table"
    >
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Prefix</th>
          <th scope="col">State</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          {canManage ? (
            <th scope="col">
              <span className="td-visually-hidden">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => {
          const state = apiKeyStatePresentation(key.state);
          return (
            <tr key={key.id}>
              <th scope="row">{key.name}</th>
              <td className="td-table__nowrap" data-label="Prefix">
                <code className="td-code">{key.prefix}…</code>
              </td>
              <td data-label="State">
                <StatusPill tone={state.tone}>{state.label}</StatusPill>
              </td>
              <td className="td-table__nowrap" data-label="Created">
                {formatDateTime(key.createdAt)}
              </td>
              <td className="td-table__nowrap" data-label="Last used">
                {key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"}
              </td>
              {canManage ? (
                <td className="td-table__nowrap stacked-table__actions">
                  {key.state === "revoked" ? (
                    <span className="td-text-muted">—</span>
                  ) : (
                    <Button variant="ghost" size="sm" onClick={() => onRevoke(key)}>
                      Revoke<span className="td-visually-hidden"> {key.name}</span>
                    </Button>
                  )}
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

function RevokeDialog({
  apiKey,
  onCancel,
  onRevoked,
}: {
  apiKey: CustomerApiKey;
  onCancel: () => void;
  onRevoked: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.customer.apiKeys.revoke.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.customer.apiKeys.list.queryKey() });
        onRevoked();
      },
    }),
  );
  const api = revoke.isError ? toApiError(revoke.error) : null;
  return (
    <ConfirmDialog
      title={`Revoke “${apiKey.name}”?`}
      tone="danger"
      confirmLabel="Revoke key"
      confirmingLabel="Revoking…"
      confirming={revoke.isPending}
      onConfirm={() => revoke.mutate({ keyId: apiKey.id })}
      onCancel={onCancel}
      error={
        api
          ? {
              message: isForbidden(api) ? MANAGERS_ONLY : api.message,
              requestId: api.kind === "unexpected" ? api.requestId : null,
            }
          : null
      }
    >
      <p>
        Applications using the key <code className="td-code">{apiKey.prefix}…</code> stop working at once.
        This can't be undone: you would need to create a new key.
      </p>
    </ConfirmDialog>
  );
}
