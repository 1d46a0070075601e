import { pino } from "pino";

/** JSON logs; secrets never reach them (cookies, tokens and passwords are redacted by path). */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: "trustdesk-api" },
    redact: {
      paths: [
        "req.headers.cookie",
        "req.headers.authorization",
        'req.headers["x-csrf-token"]',
        "*.password",
        "*.newPassword",
        "*.currentPassword",
        "*.token",
        "*.secret",
      ],
      censor: "[redacted]",
    },
  });
}

export type Logger = ReturnType<typeof createLogger>;
