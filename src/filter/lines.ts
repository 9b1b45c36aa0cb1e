/**
 * Lines as they arrive: each yield is every complete line the stream has buffered right now
 * (capped by `maxBytes`), so a live pipe yields one event at once while a fast pipe or a file
 * yields thousands per call. Memory is bounded by the cap plus one partial line.
 */
import { StringDecoder } from 'node:string_decoder';

export interface LineChunk {
  lines: string[];
  firstLine: number; // 1-based number of lines[0]
}

export async function* readLines(stream: NodeJS.ReadableStream, maxBytes = 4 << 20): AsyncGenerator<LineChunk> {
  const readable = stream as NodeJS.ReadableStream & { readableEnded?: boolean; destroyed?: boolean };
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let lineNo = 1;
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const onEnd = () => { ended = true; wake?.(); };
  const onError = (e: Error) => { failure = e; wake?.(); };
  const onReadable = () => wake?.();
  stream.on('end', onEnd);
  stream.on('close', onEnd); // destroyed before its end
  stream.on('error', onError);
  stream.on('readable', onReadable);
  try {
    for (;;) {
      let text = '';
      let chunk: string | Buffer | null;
      while (text.length < maxBytes && (chunk = stream.read() as string | Buffer | null) !== null) {
        text += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      }
      if (text) {
        const parts = (carry + text).split('\n');
        carry = parts.pop()!;
        if (parts.length) {
          yield { lines: parts, firstLine: lineNo };
          lineNo += parts.length;
        }
        continue;
      }
      if (failure) throw failure;
      if (ended || readable.readableEnded) break;
      await new Promise<void>((resolve) => { wake = resolve; });
      wake = undefined;
    }
    carry += decoder.end();
    if (carry) yield { lines: [carry], firstLine: lineNo };
  } finally {
    stream.off('end', onEnd);
    stream.off('close', onEnd);
    stream.off('error', onError);
    stream.off('readable', onReadable);
  }
}
