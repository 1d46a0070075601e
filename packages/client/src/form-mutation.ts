import { type MutateOptions, type UseMutationOptions, useMutation } from "@tanstack/react-query";
import {
  clearedErrors,
  clientErrors,
  NO_FORM_ERRORS,
  type ParseResult,
  readForm,
  submitErrors,
} from "@trustdesk/ui";
import { type FormEvent, useState } from "react";
import { toFailedSubmit } from "./api-error.ts";

/**
 * The mutation behind a form, with the cycle every form of both SPAs goes through: on submit,
 * validate the form's values (what is wrong goes beside the fields and into the summary), clear the
 * errors while the call runs, and show the API's refusal the same way (`toFailedSubmit`).
 *
 * ```tsx
 * const signIn = useFormMutation(trpc.staff.auth.signIn.mutationOptions({ onSuccess }));
 * <form onSubmit={signIn.handleSubmit((values) => parseWith(SignInInput, values))}>
 *   <FormErrorBlock errors={signIn.errors} idPrefix="staff-sign-in" />
 * ```
 */
export function useFormMutation<TData, TError, TVariables, TOnMutateResult>(
  options: UseMutationOptions<TData, TError, TVariables, TOnMutateResult>,
) {
  const [errors, setErrors] = useState(NO_FORM_ERRORS);
  const mutation = useMutation({
    ...options,
    onError: (error, ...rest) => {
      setErrors((prev) => submitErrors(prev, toFailedSubmit(error)));
      return options.onError?.(error, ...rest);
    },
  });

  /**
   * The form's submit handler: `parse` turns the form's values into the mutation's input (or field
   * errors); `mutateOptions` are per-call callbacks that need the input or the form element.
   */
  const handleSubmit =
    (
      parse: (values: Record<string, string>) => ParseResult<TVariables>,
      mutateOptions?: (
        input: TVariables,
        form: HTMLFormElement,
      ) => MutateOptions<TData, TError, TVariables, TOnMutateResult>,
    ) =>
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (mutation.isPending) return;
      const form = event.currentTarget;
      const parsed = parse(readForm(form));
      if (!parsed.ok) {
        setErrors((prev) => clientErrors(prev, parsed.fields, parsed.message ?? null));
        return;
      }
      setErrors(clearedErrors);
      mutation.mutate(parsed.data, mutateOptions?.(parsed.data, form));
    };

  return { ...mutation, errors, setErrors, handleSubmit };
}
