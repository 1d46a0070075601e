import { AuthLayout, type AuthLayoutProps } from "@trustdesk/ui";
import { env } from "../../env.ts";

/** AuthLayout with the dashboard's product name and realm filled in. */
export function AuthPage(props: Omit<AuthLayoutProps, "productName" | "realm">) {
  return <AuthLayout productName={env.productName} realm={env.realm} {...props} />;
}
