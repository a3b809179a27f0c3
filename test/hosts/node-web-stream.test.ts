import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { nodeToWebStream } from '../../src/hosts/node-web-stream.js';

describe('nodeToWebStream', () => {
  it('relays every chunk, then ends', async () => {
    const web = nodeToWebStream(Readable.from([Buffer.from('a'), Buffer.from('bc')]));
    expect(await new Response(web).text()).toBe('abc');
  });

  it('chunks emitted in one burst arrive as one web chunk, in order', async () => {
    const node = new Readable({ read() {} });
    const reader = nodeToWebStream(node).getReader();
    node.emit('data', Buffer.from('event: a\n\n'));
    node.emit('data', Buffer.from('event: b\n\n'));
    node.emit('data', Buffer.from('event: c\n\n'));
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('event: a\n\nevent: b\n\nevent: c\n\n');
    node.emit('data', Buffer.from('later'));
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('later');
    await reader.cancel();
  });

  it('cancelling destroys the readable, and chunks it still emits afterwards are ignored, not thrown', async () => {
    const node = new Readable({ read() {} });
    const web = nodeToWebStream(node);
    const reader = web.getReader();
    node.push('first');
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first');
    await reader.cancel(new Error('client left'));
    expect(node.destroyed).toBe(true);
    // A late chunk or error from the destroyed source must not reach the closed controller.
    expect(() => node.emit('data', Buffer.from('late'))).not.toThrow();
    expect(() => node.emit('end')).not.toThrow();
  });

  it('an error from the readable errors the web stream once', async () => {
    const node = new Readable({ read() {} });
    const reader = nodeToWebStream(node).getReader();
    node.destroy(new Error('socket reset'));
    await expect(reader.read()).rejects.toThrow('socket reset');
    expect(() => node.emit('data', Buffer.from('late'))).not.toThrow();
  });
});
