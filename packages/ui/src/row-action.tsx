import type { ReactNode } from "react";
import { Button, type ButtonProps } from "./button.tsx";

export interface RowActionProps extends Omit<ButtonProps, "variant" | "size"> {
  /**
   * Completes the button's name for screen readers, after its visible label: "Remove" is read
   * "Remove Ada Lovelace" in a list of many. Start it with a space.
   */
  context: ReactNode;
}

/** A small ghost button in a table row, named for the row it acts on. */
export function RowAction({ children, context, ...props }: RowActionProps) {
  return (
    <Button variant="ghost" size="sm" {...props}>
      {children}
      <span className="td-visually-hidden">{context}</span>
    </Button>
  );
}
