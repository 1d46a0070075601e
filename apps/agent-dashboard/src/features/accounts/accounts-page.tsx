import { useQuery } from "@tanstack/react-query";
import { QueryView } from "@trustdesk/client";
import {
  Button,
  Card,
  DataTable,
  EmptyState,
  Icon,
  PageHeader,
  StatusPill,
  TextField,
  useDocumentTitle,
} from "@trustdesk/ui";
import type { FormEvent } from "react";
import { useSearchParams } from "react-router";
import { formatDate } from "../../lib/format.ts";
import { type AccountSearchResult, useTRPC } from "../../lib/trpc.ts";
import { accountState, planName } from "./account-labels.ts";
import { accountColumn } from "./account-link.tsx";
import { RecentlyRestricted } from "./recently-restricted.tsx";

/** Find an account by name, owner email or id; the query lives in the URL (?q=) so it can be shared. */
export function AccountsPage() {
  useDocumentTitle("Accounts");
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const query = (params.get("q") ?? "").trim();
  const results = useQuery(trpc.staff.accounts.search.queryOptions({ query }, { enabled: query.length > 0 }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get("q") ?? "").trim();
    setParams(q ? { q } : {});
  };

  return (
    <>
      <PageHeader
        title="Accounts"
        description="Find an account to see its whole trust picture: enforcements, cases, vetting, keys, activity and audit trail."
      />
      <Card>
        <search aria-label="Accounts">
          <form className="account-search" onSubmit={submit}>
            <TextField
              key={query}
              id="account-search-q"
              name="q"
              type="search"
              label="Search accounts"
              hint="An account name or an owner's email (the start is enough), or a full account id."
              defaultValue={query}
              autoComplete="off"
              spellCheck={false}
              maxLength={200}
              fieldClassName="account-search__field"
            />
            <Button type="submit" icon={<Icon name="search" size={16} />} loading={results.isFetching}>
              Search
            </Button>
          </form>
        </search>
      </Card>

      <div className="accounts-layout">
        <section aria-label="Search results" className="account-results">
          <Card flush={Boolean(results.data?.length)}>
            {query.length === 0 ? (
              <EmptyState
                icon="search"
                title="Search for an account"
                description="Type part of its name, the owner's email or its id. Accounts on the queue link here too."
              />
            ) : (
              <QueryView
                query={results}
                loadingLabel="Searching…"
                errorTitle="We couldn't search the accounts"
                empty={
                  <EmptyState
                    icon="search"
                    title={`No account matches “${query}”`}
                    description="Check the spelling, or try the owner's email or the account id."
                  />
                }
              >
                {(accounts) => <ResultsTable query={query} accounts={accounts} />}
              </QueryView>
            )}
          </Card>
        </section>
        <RecentlyRestricted />
      </div>
    </>
  );
}

function ResultsTable({ query, accounts }: { query: string; accounts: readonly AccountSearchResult[] }) {
  const more = accounts.length >= 25 ? " (the first 25: narrow the search)" : "";
  return (
    <DataTable
      caption={`${accounts.length} account${accounts.length === 1 ? "" : "s"} matching “${query}”, newest first${more}`}
      dense
      rows={accounts}
      rowKey={(a) => a.id}
      columns={[
        accountColumn((a: AccountSearchResult) => ({
          id: a.id,
          name: a.name,
          secondary: null,
          strong: true,
        })),
        {
          key: "state",
          header: "State",
          cell: (a) => {
            const state = accountState(a.state);
            return <StatusPill tone={state.tone}>{state.label}</StatusPill>;
          },
        },
        { key: "plan", header: "Plan", cell: (a) => planName(a.plan) },
        { key: "owner", header: "Owner", cell: (a) => a.owner_email ?? "—" },
        { key: "created", header: "Created", nowrap: true, cell: (a) => formatDate(a.created_at) },
      ]}
    />
  );
}
