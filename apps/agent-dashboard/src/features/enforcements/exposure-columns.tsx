import type { DataColumn } from "@trustdesk/ui";
import type { AccountExposure } from "../../lib/trpc.ts";
import { EXPOSURE_SOURCE_LABELS } from "../accounts/account-labels.ts";
import { ExternalLocation } from "./external-location.tsx";

/** Where a leaked key was found (a web address opens in a new tab). */
export function exposureWhereColumn<T extends Pick<AccountExposure, "location">>(): DataColumn<T> {
  return {
    key: "where",
    header: "Where",
    className: "exposure-location",
    cell: (x) => <ExternalLocation location={x.location} />,
  };
}

/** Who found it: the secret-scanning partner or our own scan. */
export function exposureSourceColumn<T extends Pick<AccountExposure, "source">>(): DataColumn<T> {
  return { key: "source", header: "Found by", cell: (x) => EXPOSURE_SOURCE_LABELS[x.source] ?? x.source };
}
