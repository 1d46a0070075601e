import { Icon } from "@trustdesk/ui";

/**
 * Where a key was found: a web address opens in a new tab (without our referrer), anything else (a
 * file path, "ticket #1234") is shown as text.
 */
export function ExternalLocation({ location }: { location: string }) {
  if (/^https?:\/\//i.test(location)) {
    return (
      <a href={location} target="_blank" rel="noreferrer noopener" className="external-link">
        <span>{location}</span>
        <Icon name="external-link" size={13} />
        <span className="td-visually-hidden"> (opens in a new tab)</span>
      </a>
    );
  }
  return <code className="td-code">{location}</code>;
}
