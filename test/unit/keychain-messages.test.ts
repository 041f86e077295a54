/** What the keychain library's errors become for a person: the reason, and the way out. */
import { describe, expect, it } from 'vitest';
import { explain, explainTimeout, keychainTimeoutMs } from '../../src/secrets/keychain.js';

describe('keychain errors in words', () => {
  it.each([
    [
      'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead',
      undefined,
      'there is no D-Bus session bus',
      'dbus-run-session',
    ],
    [
      'Platform failure: DBus error: Could not parse server address: Unknown address type (examples of valid types are "tcp" and on UNIX "unix")',
      'disabled:',
      'DBUS_SESSION_BUS_ADDRESS="disabled:" names no session bus',
      'dbus-run-session',
    ],
    ['Platform failure: DBus error: Failed to connect to socket /run/user/1/bus: No such file or directory', 'unix:path=/run/user/1/bus', 'is gone', 'dbus-run-session'],
    ['Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files', 'unix:path=/x', 'no Secret Service is running', 'gnome-keyring-daemon --start'],
    ['Platform failure: the unlock prompt was dismissed', 'unix:path=/x', 'the keychain is locked', 'unlock it'],
    ['Platform failure: DBus error: Did not receive a reply. Possible causes include: ...', 'unix:path=/x', 'no answer within 2 s', 'secret-tool search'],
    ['Platform failure: DBus error: Something new', 'unix:path=/x', 'the keychain failed: D-Bus: Something new', 'CCENV_BACKEND=file'],
  ])('%s', (cause, bus, reason, hint) => {
    const said = explain(cause, bus);
    expect(said.reason).toContain(reason);
    expect(said.reason).not.toMatch(/Platform failure|DBus error/);
    expect(said.hint).toContain(hint);
    expect(said.hint).toContain('CCENV_BACKEND=file');
  });
});

describe('keychain errors in words, on macOS', () => {
  it.each([
    ['Platform secure storage failure: User interaction is not allowed.', 'locked', 'security unlock-keychain'],
    ['Platform failure: error code -25308', 'locked', 'security unlock-keychain'],
    ['Platform secure storage failure: User canceled the operation.', 'declined', 'Allow'],
    ["Couldn't access platform secure storage: A default keychain could not be found.", 'no default keychain', 'security default-keychain'],
    ["Couldn't access platform secure storage: The specified keychain could not be found.", 'no default keychain', 'security default-keychain'],
    ['Platform secure storage failure: Something new.', 'the keychain failed: Something new', 'CCENV_BACKEND=file'],
  ])('%s', (cause, reason, hint) => {
    const said = explain(cause, undefined, 'darwin');
    expect(said.reason).toContain(reason);
    expect(said.reason).not.toMatch(/Platform|secure storage/);
    expect(said.hint).toContain(hint);
    expect(said.hint).toContain('CCENV_BACKEND=file');
    // nothing of Linux's: no D-Bus, no GNOME Keyring, no secret-tool
    expect(`${said.reason} ${said.hint}`).not.toMatch(/d-?bus|gnome|secret-tool|Secret Service/i);
  });

  it.each<[NodeJS.Platform, number, RegExp, RegExp]>([
    ['linux', 2000, /no answer within 2 s/, /secret-tool search service ccenv/],
    ['darwin', 60000, /no answer within 60 s.*Keychain.*asking/, /security find-generic-password -s ccenv/],
  ])('%s: gives up after %d ms, and says why', (platform, ms, reason, hint) => {
    expect(keychainTimeoutMs(platform)).toBe(ms);
    const said = explainTimeout(platform);
    expect(said.reason).toMatch(reason);
    expect(said.hint).toMatch(hint);
  });
});
