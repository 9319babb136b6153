// The Batch page's check worker (a module worker): the reader and `evaluate` run here so a
// large export never freezes the page. Cancel is the page terminating this worker.

import { z } from 'zod';
import { checkFile, previewFile } from './run-check';
import { ToWorker, type FromWorker } from './protocol';

// Extension CSP forbids eval: zod's JIT probe would fail anyway (toolchain facts).
z.config({ jitless: true });

const post = (m: FromWorker, transfer: Transferable[] = []) => self.postMessage(m, { transfer });

self.onmessage = async (event: MessageEvent) => {
  const parsed = ToWorker.safeParse(event.data);
  if (!parsed.success) return post({ type: 'failed', message: `bad request: ${parsed.error.issues[0]?.message ?? 'unknown'}` });
  const m = parsed.data;
  try {
    const options = { mapping: m.mapping, ...(m.sheet !== undefined ? { sheet: m.sheet } : {}), ...(m.accumulateSpend ? { accumulateSpend: true } : {}) };
    if (m.type === 'preview') post(await previewFile(m.file, m.name, options));
    else await checkFile(m.file, m.name, options, post, m.rules);
  } catch (e) {
    post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
};
