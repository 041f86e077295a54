import { describe, expect, it } from 'vitest';
import { forTerminal, withoutUserInfo } from '../../src/terminal.js';

describe('forTerminal', () => {
  it.each([
    ['plain text', '~/src/api/.ccprofile', '~/src/api/.ccprofile'],
    ['ESC alone', 'a\x1bb', 'a\\x1bb'],
    ['a CSI sequence (clear screen)', '/home/u/\x1b[2Jx', '/home/u/\\x1b[2Jx'],
    ['an OSC sequence (retitle), BEL-terminated', '\x1b]0;pwned\x07dir', '\\x1b]0;pwned\\x07dir'],
    ['an OSC sequence, ST-terminated', '\x1b]8;;http://x\x1b\\link', '\\x1b]8;;http://x\\x1b\\link'],
    ['C1 CSI and OSC', 'a\u009b2Jb\u009d0;t', 'a\\x9b2Jb\\x9d0;t'],
    ['newline, carriage return, tab', 'a\nb\rc\td', 'a\\x0ab\\x0dc\\x09d'],
    ['DEL and NUL', 'a\x7fb\x00', 'a\\x7fb\\x00'],
    ['bidi override and line separator', 'abc\u202edcb\u2028x', 'abc\\u{202e}dcb\\u{2028}x'],
    ['a lone surrogate', 'a\ud800b', 'a\\u{d800}b'],
    ['non-ASCII letters stay', 'café/日本/🙂', 'café/日本/🙂'],
    ['backslashes stay', 'C:\\Users\\x', 'C:\\Users\\x'],
  ])('%s', (_what, input, shown) => {
    expect(forTerminal(input)).toBe(shown);
  });

  it.each([
    ['valid UTF-8', [0x63, 0x61, 0x66, 0xc3, 0xa9], 'café'],
    ['a stray byte', [0x66, 0xff, 0x6f], 'f\\xffo'],
    ['an overlong encoding', [0xc0, 0xaf, 0x2f], '\\xc0\\xaf/'],
    ['a truncated sequence', [0x61, 0xe6, 0x97], 'a\\xe6\\x97'],
    ['controls among invalid bytes', [0x1b, 0x5b, 0x32, 0x4a, 0xfe], '\\x1b[2J\\xfe'],
    ['an encoded C1 control', [0xc2, 0x9b, 0x41], '\\x9bA'],
  ])('bytes: %s', (_what, bytes, shown) => {
    expect(forTerminal(Uint8Array.from(bytes))).toBe(shown);
  });

  it('keeps newlines of a message ccenv wrote, and nothing else', () => {
    expect(forTerminal('ccenv: one\x1b]0;x\x07\nccenv: two\r\n', { keepNewlines: true })).toBe('ccenv: one\\x1b]0;x\\x07\nccenv: two\\x0d\n');
  });
});

describe('a proxy or endpoint value shown without its user name and password', () => {
  it.each([
    ['http://bob:pw-A1@proxy.example:3128', 'http://proxy.example:3128'],
    ['bob:pw-A1@proxy.example:3128', 'proxy.example:3128'],
    ['socks5://bob@proxy.example', 'socks5://proxy.example'],
    ['http://proxy.example:3128/path?q=1', 'http://proxy.example:3128/path?q=1'],
    ['0', '0'],
  ])('%s', (value, shown) => {
    expect(withoutUserInfo(value)).toBe(shown);
  });
});
