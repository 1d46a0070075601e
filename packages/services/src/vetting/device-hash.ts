import { createHmac } from "node:crypto";

/**
 * The portal's device id, keyed-hashed before it is stored: the velocity rule only needs "the same
 * browser as before", never the id itself, and a keyed hash (the app's secret key) cannot be
 * reversed by guessing ids from a leaked table.
 */
export function deviceHash(secretKey: string, deviceId: string): Buffer {
  return createHmac("sha256", secretKey).update(`signup-device\0${deviceId}`).digest();
}
