import type { FastifyInstance } from 'fastify';

/** How much of a refused body is still read (and thrown away) after the answer, and for how long. */
export interface DrainLimits {
  maxBytes: number;
  maxMs: number;
}

/**
 * A client that sends a body past BODY_LIMIT_BYTES all at once (no `Expect: 100-continue`: Node's
 * fetch, Python's requests) is still writing when Fastify answers 413 with `Connection: close`, and
 * Node then destroys the socket with the rest of the body unread. The kernel answers unread data
 * with a TCP reset, which throws away the 413 the client had not read yet: it sees
 * "connection reset" instead of the answer.
 *
 * So when an answer goes out before its request's body was read, the connection is closed gently:
 * our side is ended (the answer is flushed, then FIN), the rest of the body is read and thrown
 * away until the client has sent it all, and only then is the socket destroyed. Reading stops
 * after `maxBytes` more or `maxMs`, whichever comes first: a client that sends far more than that
 * without reading may still see a reset, but not before the answer had time to reach it.
 */
export function drainRefusedBodies(fastify: FastifyInstance, limits: DrainLimits): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const raw = request.raw;
    if (!raw.complete && String(reply.getHeader('connection') ?? '').toLowerCase() === 'close') {
      const socket = raw.socket as typeof raw.socket & { destroySoon?: () => void };
      // Node's server calls destroySoon() once a `Connection: close` answer is written.
      socket.destroySoon = () => closeAfterDrain(socket, raw, limits);
    }
    done(null, payload);
  });
}

function closeAfterDrain(socket: import('node:net').Socket, request: NodeJS.ReadableStream, limits: DrainLimits): void {
  let read = 0;
  const stop = (): void => {
    clearTimeout(timer);
    socket.removeListener('data', count);
    socket.destroy();
  };
  const count = (chunk: Buffer): void => {
    read += chunk.length;
    if (read > limits.maxBytes) stop();
  };
  const timer = setTimeout(stop, limits.maxMs);
  timer.unref();
  socket.on('data', count);
  socket.once('end', stop);
  socket.once('close', () => clearTimeout(timer));
  // Flowing, with no one listening: the body is read and dropped.
  request.resume();
  socket.end();
}
