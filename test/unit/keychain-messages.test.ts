/** What the keychain library's errors become for a person: the reason, and the way out. */
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/secrets/keychain.js';

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
