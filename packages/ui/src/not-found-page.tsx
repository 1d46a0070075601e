import type { ReactNode } from "react";
import { AuthLayout } from "./auth-layout.tsx";
import { EmptyState } from "./states.tsx";
import { useDocumentTitle } from "./use-document-title.ts";

export interface NotFoundPageProps {
  productName: string;
  realm?: string;
  /** Where to go instead: the app's router link to its home page. */
  action: ReactNode;
}

/** The page for an unknown path; the app passes its link home (the design system has no router). */
export function NotFoundPage({ productName, realm, action }: NotFoundPageProps) {
  useDocumentTitle("Page not found");
  return (
    <AuthLayout productName={productName} realm={realm} title="Page not found">
      <EmptyState
        icon="search"
        title="We couldn't find that page"
        description="The link may be old or mistyped."
        action={action}
      />
    </AuthLayout>
  );
}
