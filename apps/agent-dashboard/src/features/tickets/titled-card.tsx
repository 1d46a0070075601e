import { Card, type CardProps } from "@trustdesk/ui";
import { useId } from "react";

/** A card that is a named region (its title names it), so its parts can be found by name. */
export function TitledCard({ title, ...props }: CardProps & { title: string }) {
  const id = useId();
  return <Card aria-labelledby={id} title={<span id={id}>{title}</span>} {...props} />;
}
