/** The machine check's decisions: install with apt-get, or stop with one command to run. */
import { describe, expect, it } from 'vitest';
import { esr140Versions, installPlan, systemPaths } from './system';

const missing = [
  { name: 'Firefox ESR', pkg: 'firefox-esr' },
  { name: 'WebKitGTK WebDriver', pkg: 'webkit2gtk-driver' },
  { name: 'WebKitGTK MiniBrowser', pkg: 'webkit2gtk-driver' },
];

describe('installPlan', () => {
  it('does nothing when nothing is missing', () => {
    expect(installPlan([], { root: true, apt: true })).toBeNull();
  });

  it('installs each missing package once with apt-get as root', () => {
    expect(installPlan(missing, { root: true, apt: true })).toEqual({
      run: [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', 'firefox-esr', 'webkit2gtk-driver'],
      ],
    });
  });

  it('stops with the sudo command when not root', () => {
    const plan = installPlan(missing, { root: false, apt: true });
    expect(plan).toEqual({
      stop: expect.stringContaining('  sudo apt-get install -y firefox-esr webkit2gtk-driver\n'),
    });
    expect((plan as { stop: string }).stop).toMatch(
      /^The tests need Firefox ESR, WebKitGTK WebDriver, WebKitGTK MiniBrowser\./,
    );
  });

  it('stops with the Debian command where there is no apt-get', () => {
    const plan = installPlan([{ name: 'Xvfb', pkg: 'xvfb' }], { root: true, apt: false }) as { stop: string };
    expect(plan.stop).toContain('  apt-get install -y xvfb\n');
    expect(plan.stop).toContain("Debian's packages");
  });
});

describe('esr140Versions', () => {
  it('picks the 140 releases from apt-cache madison, newest first', () => {
    const madison = [
      ' firefox-esr | 153.8.0esr-1~deb12u1 | http://deb.debian.org/debian-security bookworm-security/main amd64 Packages',
      ' firefox-esr | 140.9.0esr-1~deb12u1 | http://deb.debian.org/debian bookworm/main amd64 Packages',
      ' firefox-esr | 140.12.0esr-1~deb12u1 | http://deb.debian.org/debian bookworm-updates/main amd64 Packages',
    ].join('\n');
    expect(esr140Versions(madison)).toEqual(['140.12.0esr-1~deb12u1', '140.9.0esr-1~deb12u1']);
    expect(esr140Versions(madison.split('\n')[0]!)).toEqual([]);
  });
});

describe('on this machine, after the global set-up', () => {
  it('every program the tests drive is there', () => {
    for (const find of Object.values(systemPaths())) expect(find()).toMatch(/^\//);
  });
});
