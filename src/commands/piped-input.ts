/**
 * What Claude Code pipes to a command it runs (the status line, a hook): read to its end,
 * at most `limit` bytes and `ms` milliseconds, so that a pipe nobody closes cannot hold
 * Claude Code's status line or turn. A terminal on stdin is not read at all.
 */
export async function readPiped(stream: NodeJS.ReadableStream, limit = 256 * 1024, ms = 1000): Promise<string> {
  if ((stream as { isTTY?: boolean }).isTTY) return '';
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      clearTimeout(timer);
      stream.removeListener('data', onData);
      stream.removeListener('end', finish);
      stream.removeListener('error', finish);
      (stream as { pause?: () => void }).pause?.();
      (stream as { unref?: () => void }).unref?.();
      done(Buffer.concat(chunks).toString('utf8'));
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > limit) {
        chunks.length = 0;
        finish();
        return;
      }
      chunks.push(bytes);
    };
    const timer = setTimeout(finish, ms);
    stream.on('data', onData);
    stream.once('end', finish);
    stream.once('error', finish);
  });
}
