// Stage 1 of reading an export: bytes → what kind of file it is, and its text.
//
// Practice systems and Excel write UTF-8 (with or without a byte-order mark), Windows-1252
// (the "ANSI" of US Windows: é is one byte, 0xE9) and, for Excel's "Unicode text", UTF-16.
// The encoding is chosen from the BOM, else from whether the first bytes are valid UTF-8;
// the choice is said in the report. A file that turns out not to be UTF-8 further down is
// not decoded silently either: the decoder counts the replacement characters it had to put
// in and the report names the first line. TextDecoder only: the same code runs in a worker.

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export type FileKind = 'xlsx' | 'text';

/** Bytes looked at before choosing: enough for a header and a few hundred rows. */
export const SAMPLE_BYTES = 64 * 1024;

/** A zip (xlsx, ods) or an OLE2 compound file (old .xls): read with the spreadsheet library. */
export function sniffKind(head: Uint8Array): FileKind {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'xlsx';
  return 'text';
}

export interface EncodingChoice {
  encoding: Encoding;
  /** Bytes of BOM to skip. */
  bom: number;
  /** Why, for the report: "UTF-8 with BOM", "not valid UTF-8 (byte 0xE9 on line 4): read as Windows-1252". */
  how: string;
}

const NAMES: Record<Encoding, string> = { 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE' };
export const encodingName = (e: Encoding) => NAMES[e];

/** Line of the first byte that is not valid UTF-8 (a sequence cut at the sample's end is not counted); 0 when none. */
function firstInvalidUtf8Line(bytes: Uint8Array, final: boolean): number {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !final });
    return 0;
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes, { stream: !final });
    const at = text.indexOf('\ufffd');
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
    return line;
  }
}

/**
 * The encoding of a file from its first bytes (`final`: these are all its bytes). `forced`
 * (the user's choice) wins, but its BOM is still skipped.
 */
export function detectEncoding(head: Uint8Array, final: boolean, forced?: Encoding): EncodingChoice {
  let bom = 0;
  let byBom: Encoding | undefined;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) [bom, byBom] = [3, 'utf-8'];
  else if (head[0] === 0xff && head[1] === 0xfe) [bom, byBom] = [2, 'utf-16le'];
  else if (head[0] === 0xfe && head[1] === 0xff) [bom, byBom] = [2, 'utf-16be'];
  if (forced) return { encoding: forced, bom: byBom === forced ? bom : 0, how: `${NAMES[forced]} (chosen)` };
  if (byBom) return { encoding: byBom, bom, how: `${NAMES[byBom]} with a byte-order mark` };
  // UTF-16 without a BOM: every other byte zero in ASCII text.
  const pairs = Math.min(head.length >> 1, 512);
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) zeroEven++;
    if (head[2 * i + 1] === 0) zeroOdd++;
  }
  if (pairs >= 8 && zeroOdd > pairs * 0.6 && zeroEven === 0) return { encoding: 'utf-16le', bom: 0, how: 'UTF-16 LE (no byte-order mark; every other byte is zero)' };
  if (pairs >= 8 && zeroEven > pairs * 0.6 && zeroOdd === 0) return { encoding: 'utf-16be', bom: 0, how: 'UTF-16 BE (no byte-order mark; every other byte is zero)' };
  const bad = firstInvalidUtf8Line(head, final);
  if (bad === 0) {
    const ascii = head.every((b) => b < 0x80);
    return { encoding: 'utf-8', bom: 0, how: ascii ? 'UTF-8 (no byte-order mark; plain ASCII at the start)' : 'UTF-8 (no byte-order mark)' };
  }
  return { encoding: 'windows-1252', bom: 0, how: `Windows-1252: not valid UTF-8 (line ${bad})` };
}

/**
 * A streaming decoder that remembers where it had to put U+FFFD for bytes its encoding does
 * not have, so the report can say so instead of showing "Jos�" silently.
 */
export class Decoder {
  private readonly decoder: TextDecoder;
  private skip: number;
  replaced = 0;

  constructor(readonly choice: EncodingChoice) {
    this.decoder = new TextDecoder(choice.encoding, { fatal: false, ignoreBOM: true });
    this.skip = choice.bom;
  }

  decode(bytes: Uint8Array, final = false): string {
    if (this.skip > 0) {
      const cut = Math.min(this.skip, bytes.length);
      bytes = bytes.subarray(cut);
      this.skip -= cut;
    }
    const text = this.decoder.decode(bytes, { stream: !final });
    if (this.choice.encoding === 'utf-8' && text.indexOf('\ufffd') !== -1) {
      for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) this.replaced++;
    }
    return text;
  }
}
