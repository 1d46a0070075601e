import { Alert, Button, LoadingState } from "@trustdesk/ui";
import { Component, type ComponentType, type ErrorInfo, lazy, type ReactNode, Suspense } from "react";

/**
 * A page loaded on first visit (its own chunk), so the first load carries only the shell and the page
 * asked for. Pages are named exports; `React.lazy` wants a default one.
 */
export function lazyPage<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): ComponentType {
  return lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
}

/** Where lazy pages appear: a loading state while the chunk arrives, a way out if it never does. */
export function PageBoundary({ fullPage = false, children }: { fullPage?: boolean; children: ReactNode }) {
  return (
    <ChunkErrorBoundary>
      <Suspense fallback={<LoadingState label="Loading the page…" fullPage={fullPage} />}>
        {children}
      </Suspense>
    </ChunkErrorBoundary>
  );
}

/**
 * A chunk fails to load when the network drops or a new release replaced the files this tab knew:
 * say so and offer a reload (which fetches the new release) instead of a blank page.
 */
class ChunkErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("page failed to load", error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Alert tone="danger" live="assertive" title="This page could not be loaded">
        <p>Your connection may have dropped, or a new version of the app was released.</p>
        <Button onClick={() => window.location.reload()}>Reload the page</Button>
      </Alert>
    );
  }
}
