import { useSearchParams } from "react-router";

/**
 * A list's filters and page, kept in the URL so that a filtered view can be shared and Back goes
 * one step back. Changing a filter starts again from the newest page.
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const apply = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!("cursor" in patch)) next.delete("cursor");
    setParams(next);
  };
  return { params, setParams, apply, cursor: params.get("cursor") ?? undefined };
}
