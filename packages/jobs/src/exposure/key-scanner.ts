import { API_KEY_KEYWORD, API_KEY_LENGTH, isApiKeyAt } from "@trustdesk/domain";

/** A key-shaped string found in a document: the string (held in memory only), where, which line. */
export interface KeyHit {
  key: string;
  /** Byte offset of `SG.` from the start of the document. */
  offset: number;
  /** 1-based line of the hit. */
  line: number;
}

/**
 * Bytes kept from one read to the next: a key that straddles two reads (69 bytes) plus the byte
 * before it, which decides whether it is glued to another base64url character.
 */
export const SCAN_CARRY_BYTES = API_KEY_LENGTH + 1;
export const DEFAULT_SCAN_BUFFER_BYTES = 4 * 1024 * 1024;

const KEYWORD = Buffer.from(API_KEY_KEYWORD, "latin1");
const NEWLINE = 0x0a;

/**
 * Finds our API keys in a stream of bytes with constant memory: one buffer, allocated once and
 * reused for every read of every document (`FileHandle.read` fills it in place; `write` copies a
 * stream's chunks into it). Per filled buffer: a native `indexOf("SG.")` finds the few candidates,
 * and the domain's sticky regex decides at each one. A candidate is decided only once the byte
 * after it has arrived (or the document ended), and the last 70 bytes are carried into the next
 * read, so a key split across reads is found exactly once, and one glued to its neighbour never.
 *
 * Lines are counted lazily: only the bytes between the last counted position and a hit, and the
 * bytes leaving the buffer (a native `indexOf("\n")` per line).
 */
export class KeyScanner {
  readonly buffer: Buffer;
  /** Valid bytes of the current document in `buffer`, from 0. */
  private length = 0;
  /** Document offset of `buffer[0]`. */
  private base = 0;
  /** Where the next `indexOf` starts (buffer index). */
  private from = 0;
  /** Newlines counted before buffer index `counted`. */
  private line = 1;
  private counted = 0;
  private bytes = 0;
  private readonly onHit: (hit: KeyHit) => void;
  private readonly countLines: boolean;

  constructor(onHit: (hit: KeyHit) => void, bufferBytes = DEFAULT_SCAN_BUFFER_BYTES, countLines = true) {
    this.onHit = onHit;
    this.countLines = countLines;
    if (bufferBytes < 4 * SCAN_CARRY_BYTES) throw new RangeError("the scan buffer is too small");
    this.buffer = Buffer.allocUnsafe(bufferBytes);
  }

  /** Bytes scanned so far (every document). */
  get bytesScanned(): number {
    return this.bytes;
  }

  /** The free part of the buffer, for a reader that fills it in place; then call `commit(n)`. */
  get freeOffset(): number {
    return this.length;
  }
  get freeLength(): number {
    return this.buffer.length - this.length;
  }

  /** `n` bytes were read into the buffer at `freeOffset`. */
  commit(n: number): void {
    this.length += n;
    this.bytes += n;
    if (this.length === this.buffer.length) this.scan(false);
  }

  /** Copies a chunk of a stream into the buffer, scanning whenever it is full. */
  write(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      const n = Math.min(this.freeLength, chunk.length - at);
      this.buffer.set(chunk.subarray(at, at + n), this.length);
      at += n;
      this.commit(n);
    }
  }

  /** The document ended: decide what is left, and start the next document from a clean state. */
  end(): void {
    this.scan(true);
    this.length = 0;
    this.base = 0;
    this.from = 0;
    this.line = 1;
    this.counted = 0;
  }

  private scan(final: boolean): void {
    const buf = this.buffer;
    const len = this.length;
    const view = len === buf.length ? buf : buf.subarray(0, len);
    let from = this.from;
    for (;;) {
      const i = view.indexOf(KEYWORD, from);
      if (i < 0) {
        // No `SG.` starts before len - 2; one may begin in the last two bytes.
        from = Math.max(from, len - 2);
        break;
      }
      // Undecided until the byte after the candidate is here (or the document is over).
      if (!final && i + API_KEY_LENGTH >= len) {
        from = i;
        break;
      }
      // The character before (if any) and after (if any) travel with the candidate to the regex.
      const start = i > 0 ? i - 1 : 0;
      const window = buf.toString("latin1", start, Math.min(len, i + API_KEY_LENGTH + 1));
      if (isApiKeyAt(window, i - start)) {
        const key = window.slice(i - start, i - start + API_KEY_LENGTH);
        this.onHit({ key, offset: this.base + i, line: this.lineAt(i) });
        from = i + API_KEY_LENGTH;
      } else {
        from = i + 1;
      }
    }
    if (final) return;
    // Carry the undecided tail: the candidate (or the last bytes) and the byte before it.
    const keep = Math.max(0, Math.min(from - 1, len - SCAN_CARRY_BYTES));
    if (this.countLines) this.lineAt(keep);
    buf.copyWithin(0, keep, len);
    this.length = len - keep;
    this.base += keep;
    this.from = from - keep;
    this.counted -= keep;
  }

  /** The line at buffer index `i`, counting only the newlines not yet counted. */
  private lineAt(i: number): number {
    if (!this.countLines) return 0;
    // Bounded to [counted, i): indexOf must not wander into the rest of the buffer.
    const region = this.buffer.subarray(0, i);
    let at = this.counted;
    for (;;) {
      const nl = region.indexOf(NEWLINE, at);
      if (nl < 0) break;
      this.line += 1;
      at = nl + 1;
    }
    this.counted = i;
    return this.line;
  }
}
