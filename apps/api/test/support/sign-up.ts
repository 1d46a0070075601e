import { processSignUpRequests } from "@trustdesk/services";
import { latestSignUpToken } from "@trustdesk/services/testing";
import { expect } from "vitest";
import type { BrowserClient, TrpcReply } from "./browser-client.ts";
import type { TestServer } from "./test-server.ts";

export interface SignUpFields {
  email: string;
  password: string;
  name: string;
  accountName: string;
}

/**
 * A sign-up as a customer makes it over HTTP: the form (answered "check your email"), the pass that
 * mails the link (the API runs it beside the outbox), and the link opened in the same browser.
 */
export async function signUpThroughMail(
  server: TestServer,
  client: BrowserClient,
  input: SignUpFields,
): Promise<TrpcReply<{ account: { id: string } }>> {
  const asked = await client.mutate("customer.auth.signUp", input);
  expect(asked.data).toEqual({ status: "check_email" });
  await processSignUpRequests(server.deps);
  const token = await latestSignUpToken(server.deps, input.email);
  return client.mutate<{ account: { id: string } }>("customer.auth.confirmSignUp", { token });
}
