import type { ShellLinkProps } from "@trustdesk/ui";
import { Link } from "react-router";

/** Lets the design system's shell render react-router links (it knows nothing of the router). */
export function RouterLink({ href, children, ...rest }: ShellLinkProps) {
  return (
    <Link to={href} {...rest}>
      {children}
    </Link>
  );
}
