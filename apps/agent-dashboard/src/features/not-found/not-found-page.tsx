import { buttonClassName, NotFoundPage as NotFound } from "@trustdesk/ui";
import { Link } from "react-router";
import { env } from "../../env.ts";

export function NotFoundPage() {
  return (
    <NotFound
      productName={env.productName}
      realm={env.realm}
      action={
        <Link className={buttonClassName({ variant: "primary" })} to="/">
          Go to the dashboard
        </Link>
      }
    />
  );
}
