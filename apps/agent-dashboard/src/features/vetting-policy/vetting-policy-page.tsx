import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { QueryView, toApiError, toDialogError } from "@trustdesk/client";
import {
  Badge,
  Button,
  Card,
  ConfirmDialog,
  DataTable,
  DescriptionList,
  Icon,
  PageHeader,
  useDocumentTitle,
} from "@trustdesk/ui";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { formatDateTime } from "../../lib/format.ts";
import { type PolicyVersionDetail, type PolicyVersionSummary, useTRPC } from "../../lib/trpc.ts";
import { ActionNotice, type ActionResult } from "../enforcements/action-notice.tsx";
import { RefreshButton } from "../layout/refresh-button.tsx";
import { useCan } from "../session/permissions.ts";
import { DraftEditor } from "./draft-editor.tsx";
import { versionStanding } from "./policy-labels.ts";
import { PolicyRulesTable } from "./policy-rules-table.tsx";
import { ReplayPanel } from "./replay-panel.tsx";
import "./vetting-policy.css";

/**
 * The sign-up vetting policy: the active version (every rule, weight, parameter and the
 * thresholds), the open draft for admins to edit, replay and publish, and every older version.
 * `?version=N` shows one version.
 */
export function VettingPolicyPage() {
  useDocumentTitle("Vetting policy");
  const trpc = useTRPC();
  const can = useCan();
  const manage = can("vetting.policy.manage");
  const [params, setParams] = useSearchParams();
  const requested = Number(params.get("version"));
  const selected = Number.isInteger(requested) && requested > 0 ? requested : undefined;
  const versions = useQuery(trpc.staff.vettingPolicy.versions.queryOptions());
  const shown = useQuery(trpc.staff.vettingPolicy.version.queryOptions({ version: selected }));
  const [notice, setNotice] = useState<ActionResult | null>(null);
  const draft = versions.data?.find((v) => v.state === "draft") ?? null;
  const show = (version: number | null) => setParams(version === null ? {} : { version: String(version) });

  return (
    <>
      <PageHeader
        title="Vetting policy"
        description="The rules every new sign-up is scored against. A score at or above the review threshold sends the sign-up to review; at or above the reject threshold it is rejected. Every decision keeps the version it was made under."
        actions={
          <>
            {manage && !(draft && shown.data?.version === draft.version) ? (
              <DraftAction draft={draft} onShow={show} onCreated={setNotice} />
            ) : null}
            <RefreshButton query={shown} />
          </>
        }
      />
      <div className="td-stack">
        <ActionNotice result={notice} onDismiss={() => setNotice(null)} />
        <QueryView query={shown} loadingLabel="Loading the policy…" errorTitle="We couldn't load the policy">
          {(version) =>
            version.state === "draft" && manage ? (
              <DraftWorkspace
                draft={version}
                onNotice={setNotice}
                onPublished={() => show(null)}
                onDiscarded={() => show(null)}
              />
            ) : (
              <VersionView version={version} />
            )
          }
        </QueryView>
        <QueryView
          query={versions}
          loadingLabel="Loading the versions…"
          errorTitle="We couldn't load the versions"
        >
          {(list) => <VersionsTable versions={list} shown={shown.data?.version ?? null} />}
        </QueryView>
      </div>
    </>
  );
}

/** "Create draft", or the way to the open one. */
function DraftAction({
  draft,
  onShow,
  onCreated,
}: {
  draft: PolicyVersionSummary | null;
  onShow: (version: number) => void;
  onCreated: (result: ActionResult) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.staff.vettingPolicy.createDraft.mutationOptions({
      onSuccess: async (created) => {
        await queryClient.invalidateQueries({ queryKey: trpc.staff.vettingPolicy.pathKey() });
        onShow(created.version);
      },
      onError: (error) =>
        onCreated({ tone: "danger", title: "No draft was created", body: toApiError(error).message }),
    }),
  );
  if (draft) {
    return (
      <Button variant="secondary" onClick={() => onShow(draft.version)}>
        Open draft v{draft.version}
      </Button>
    );
  }
  return (
    <Button
      icon={<Icon name="file-text" size={15} />}
      loading={create.isPending}
      loadingLabel="Creating…"
      onClick={() => create.mutate({})}
    >
      Create draft
    </Button>
  );
}

function versionFacts(v: PolicyVersionDetail) {
  return [
    { term: "Send to review at", description: `score ≥ ${v.policy.reviewThreshold}` },
    { term: "Reject at", description: `score ≥ ${v.policy.rejectThreshold}` },
    {
      term: v.publishedAt ? "Published" : "Created",
      description: v.publishedAt
        ? `${formatDateTime(v.publishedAt)}${v.publishedBy ? ` by ${v.publishedBy}` : ""}`
        : `${formatDateTime(v.createdAt)}${v.createdBy ? ` by ${v.createdBy}` : " with the product"}`,
    },
    { term: "What changed", description: v.note ?? (v.version === 1 ? "The shipped default policy." : "—") },
  ];
}

function VersionView({ version }: { version: PolicyVersionDetail }) {
  const standing = versionStanding(version);
  return (
    <Card
      headingLevel={2}
      className="policy-version"
      title={
        <>
          Version {version.version} <Badge tone={standing.tone}>{standing.label}</Badge>
        </>
      }
      description={
        version.active
          ? "New sign-ups are vetted under this version."
          : version.state === "published"
            ? "An earlier version, kept so the decisions made under it can be read."
            : version.state === "draft"
              ? "A draft: only admins can edit it; nothing changes for sign-ups until it is published."
              : "A discarded draft: it was never used."
      }
    >
      <div className="td-stack td-stack--md">
        <DescriptionList columns={2} items={versionFacts(version)} />
        <PolicyRulesTable rules={version.policy.rules} caption={`Rules of version ${version.version}`} />
      </div>
    </Card>
  );
}

function DraftWorkspace({
  draft,
  onNotice,
  onPublished,
  onDiscarded,
}: {
  draft: PolicyVersionDetail;
  onNotice: (result: ActionResult) => void;
  onPublished: () => void;
  onDiscarded: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState<"publish" | "discard" | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.staff.vettingPolicy.pathKey() });
  const publish = useMutation(
    trpc.staff.vettingPolicy.publish.mutationOptions({
      onSuccess: async (result) => {
        setConfirm(null);
        await Promise.all([
          refresh(),
          // The queue and account pages show each decision's thresholds.
          queryClient.invalidateQueries({ queryKey: trpc.staff.enforcements.pathKey() }),
        ]);
        onNotice({
          tone: "success",
          title: `Version ${result.version} published`,
          body: `New sign-ups are vetted under version ${result.version}${result.previousVersion ? `; version ${result.previousVersion} stays readable below` : ""}.`,
        });
        onPublished();
      },
    }),
  );
  const discard = useMutation(
    trpc.staff.vettingPolicy.discardDraft.mutationOptions({
      onSuccess: async () => {
        setConfirm(null);
        await refresh();
        onNotice({ tone: "info", title: `Draft version ${draft.version} discarded` });
        onDiscarded();
      },
    }),
  );
  const failure = confirm === "publish" ? publish.error : discard.error;

  return (
    <div className="td-stack">
      <Card
        headingLevel={2}
        title={
          <>
            Draft version {draft.version} <Badge tone="info">Draft</Badge>
          </>
        }
        description={`Opened ${formatDateTime(draft.createdAt)}${draft.createdBy ? ` by ${draft.createdBy}` : ""} · last saved ${formatDateTime(draft.updatedAt)} (revision ${draft.revision}). Nothing changes for sign-ups until it is published.`}
        actions={
          <>
            <Button variant="secondary" onClick={() => setConfirm("discard")}>
              Discard draft
            </Button>
            <Button icon={<Icon name="check" size={15} />} onClick={() => setConfirm("publish")}>
              Publish v{draft.version}
            </Button>
          </>
        }
      >
        <DraftEditor
          draft={draft}
          onSaved={() => onNotice({ tone: "success", title: `Draft version ${draft.version} saved` })}
        />
      </Card>
      <ReplayPanel version={draft.version} revision={draft.revision} />
      {confirm === "publish" ? (
        <ConfirmDialog
          title={`Publish version ${draft.version}?`}
          confirmLabel={`Publish version ${draft.version}`}
          confirmingLabel="Publishing…"
          confirming={publish.isPending}
          onConfirm={() => publish.mutate({ version: draft.version, expectedRevision: draft.revision })}
          onCancel={() => setConfirm(null)}
          error={toDialogError(failure)}
        >
          <p>
            Every sign-up from now on is vetted under version {draft.version} (revision {draft.revision}, as
            saved). Decisions already made keep their version. Replay the draft first to see what would
            change.
          </p>
        </ConfirmDialog>
      ) : null}
      {confirm === "discard" ? (
        <ConfirmDialog
          title={`Discard draft version ${draft.version}?`}
          confirmLabel="Discard draft"
          confirmingLabel="Discarding…"
          confirmVariant="secondary"
          tone="danger"
          confirming={discard.isPending}
          onConfirm={() => discard.mutate({ version: draft.version, expectedRevision: draft.revision })}
          onCancel={() => setConfirm(null)}
          error={toDialogError(failure)}
        >
          <p>
            The draft is kept as discarded (its number is not reused) and the active policy stays as it is.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function VersionsTable({
  versions,
  shown,
}: {
  versions: readonly PolicyVersionSummary[];
  shown: number | null;
}) {
  return (
    <Card headingLevel={2} title="Versions" description="Newest first. Open one to read its rules." flush>
      <DataTable
        caption="Vetting policy versions"
        captionHidden
        rows={versions}
        rowKey={(v) => String(v.version)}
        rowClassName={(v) => (v.version === shown ? "policy-versions__shown" : undefined)}
        columns={[
          {
            key: "version",
            header: "Version",
            rowHeader: true,
            nowrap: true,
            cell: (v) => (
              <Link to={`?version=${v.version}`} aria-current={v.version === shown ? "page" : undefined}>
                Version {v.version}
              </Link>
            ),
          },
          {
            key: "standing",
            header: "Status",
            cell: (v) => {
              const s = versionStanding(v);
              return <Badge tone={s.tone}>{s.label}</Badge>;
            },
          },
          {
            key: "thresholds",
            header: "Review / reject at",
            nowrap: true,
            cell: (v) => `${v.reviewThreshold} / ${v.rejectThreshold}`,
          },
          {
            key: "note",
            header: "What changed",
            cell: (v) => v.note ?? (v.version === 1 ? "Shipped default" : "—"),
          },
          {
            key: "by",
            header: "Created",
            cell: (v) => `${formatDateTime(v.createdAt)}${v.createdBy ? ` · ${v.createdBy}` : ""}`,
          },
          {
            key: "published",
            header: "Published",
            cell: (v) =>
              v.publishedAt
                ? `${formatDateTime(v.publishedAt)}${v.publishedBy ? ` · ${v.publishedBy}` : ""}`
                : "—",
          },
        ]}
      />
    </Card>
  );
}
