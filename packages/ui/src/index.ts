export {
  Alert,
  type AlertProps,
  Banner,
  type BannerFact,
  type BannerProps,
  SuccessNotice,
  type Tone,
} from "./alert.tsx";
export {
  AppShell,
  type AppShellProps,
  type ShellLinkComponent,
  type ShellLinkProps,
  type ShellNavItem,
  type ShellUser,
  UserMenu,
} from "./app-shell.tsx";
export { AuthLayout, type AuthLayoutProps } from "./auth-layout.tsx";
export { Badge, type BadgeProps, type BadgeTone, StatusPill } from "./badge.tsx";
export { BarChart, type BarChartDatum, type BarChartProps, niceCeiling } from "./bar-chart.tsx";
export { Brand, BrandMark } from "./brand.tsx";
export {
  Button,
  type ButtonProps,
  type ButtonSize,
  type ButtonStyleOptions,
  type ButtonVariant,
  buttonClassName,
} from "./button.tsx";
export { Card, type CardProps } from "./card.tsx";
export { Checklist, type ChecklistItem, type ChecklistProps } from "./checklist.tsx";
export { CodeList, CodeValue, CopyButton } from "./code.tsx";
export { cx } from "./cx.ts";
export { CellText, type DataColumn, DataTable, type DataTableProps } from "./data-table.tsx";
export { type DescriptionItem, DescriptionList } from "./description-list.tsx";
export {
  ConfirmDialog,
  type ConfirmDialogProps,
  Dialog,
  DialogActions,
  type DialogProps,
  FormDialog,
  type FormDialogProps,
} from "./dialog.tsx";
export {
  Checkbox,
  type CheckboxProps,
  EmailField,
  PasswordField,
  type PasswordFieldProps,
  RadioGroup,
  type RadioGroupProps,
  type RadioOption,
  SelectField,
  type SelectFieldProps,
  TextAreaField,
  type TextAreaFieldProps,
  TextField,
  type TextFieldProps,
} from "./field.tsx";
export {
  FormErrorBlock,
  FormErrorSummary,
  type FormErrorSummaryProps,
  type FormFieldError,
} from "./form-error-summary.tsx";
export {
  checkPasswordConfirmation,
  clearedErrors,
  clientErrors,
  type FailedSubmit,
  type FormErrors,
  hasFormErrors,
  NO_FORM_ERRORS,
  onFormFields,
  type ParseResult,
  readForm,
  submitErrors,
} from "./form-state.ts";
export { Icon, type IconName, type IconProps } from "./icons.tsx";
export { InPageNav, type InPageNavItem } from "./in-page-nav.tsx";
export { Meter, type MeterProps } from "./meter.tsx";
export { NewPasswordFields } from "./new-password-fields.tsx";
export { NotFoundPage, type NotFoundPageProps } from "./not-found-page.tsx";
export { OneTimeCodes, type OneTimeCodesProps } from "./one-time-codes.tsx";
export { PageHeader, type PageHeaderProps } from "./page-header.tsx";
export { RowAction, type RowActionProps } from "./row-action.tsx";
export {
  SecondFactorForm,
  type SecondFactorFormProps,
  type SecondFactorMode,
} from "./second-factor-form.tsx";
export {
  type ChartReferenceLine,
  type ChartSeries,
  SeriesChart,
  type SeriesChartDatum,
  type SeriesChartProps,
} from "./series-chart.tsx";
export { SignInForm, type SignInFormProps } from "./sign-in-form.tsx";
export { SkipLink } from "./skip-link.tsx";
export { LoadingState, type LoadingStateProps, Spinner, type SpinnerProps } from "./spinner.tsx";
export { Stat, type StatProps } from "./stat.tsx";
export {
  EmptyState,
  type EmptyStateProps,
  ErrorState,
  type ErrorStateProps,
  FullPageError,
} from "./states.tsx";
export { Table, type TableProps } from "./table.tsx";
export {
  groupSecret,
  svgDataUrl,
  TotpEnrolmentDetails,
  type TotpEnrolmentDetailsProps,
} from "./totp-enrolment-details.tsx";
export { TotpEnrolmentPanel, type TotpEnrolmentPanelProps } from "./totp-enrolment-panel.tsx";
export { useDocumentTitle } from "./use-document-title.ts";
export { VisuallyHidden } from "./visually-hidden.tsx";
