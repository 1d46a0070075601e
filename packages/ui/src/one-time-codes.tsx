import { useState } from "react";
import { Alert } from "./alert.tsx";
import { Button } from "./button.tsx";
import { CodeList, CopyButton } from "./code.tsx";
import { Checkbox } from "./field.tsx";
import { Icon } from "./icons.tsx";

export interface OneTimeCodesProps {
  codes: readonly string[];
  onDone: () => void;
  doneLabel?: string;
  /** Name of the downloaded text file. */
  fileName?: string;
  /** First line of the downloaded file and of the copied text. */
  heading?: string;
}

/**
 * Recovery codes shown exactly once: copy or download them, confirm they are saved, then go on.
 * The confirm checkbox gates the button so nobody clicks past them by accident.
 */
export function OneTimeCodes({
  codes,
  onDone,
  doneLabel = "Done",
  fileName = "recovery-codes.txt",
  heading = "Recovery codes",
}: OneTimeCodesProps) {
  const [saved, setSaved] = useState(false);
  const text = `${heading}\nEach code works once.\n\n${codes.join("\n")}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="td-stack td-stack--md">
      <Alert tone="warning" title="Save your recovery codes now">
        This is the only time they are shown. If you lose your authenticator device, a recovery code is how
        you sign in. Each code works once. Keep them somewhere safe, such as a password manager.
      </Alert>
      <CodeList codes={codes} label="Recovery codes" />
      <div className="td-row">
        <CopyButton value={codes.join("\n")} label="Copy codes" />
        <Button variant="secondary" size="sm" icon={<Icon name="download" size={14} />} onClick={download}>
          Download as text file
        </Button>
      </div>
      <Checkbox
        label="I have saved my recovery codes somewhere safe"
        checked={saved}
        onChange={(event) => setSaved(event.currentTarget.checked)}
      />
      <div>
        <Button disabled={!saved} onClick={onDone}>
          {doneLabel}
        </Button>
      </div>
    </div>
  );
}
