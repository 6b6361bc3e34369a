import { describe, expect, it } from 'vitest';
import { contract, isMethodName } from '../../shared/contract/methods';
import { describeIssue } from '../../shared/contract/validate';
import { parseChannelRef } from '../../shared/domain/handle';

function firstError(method: keyof typeof contract, input: unknown) {
  const parsed = contract[method].input.safeParse(input);
  if (parsed.success) throw new Error('expected a validation error');
  return describeIssue(parsed.error);
}

describe('the contract validates at the door', () => {
  it('names the bad field in a sentence', () => {
    expect(firstError('person.add', { name: 'A', email: 'nope', role: 'staff', school: 'PPA' })).toEqual({
      code: 'invalid_input',
      field: 'email',
      message: 'The email address must look like name@school.org.uk.',
    });
    expect(firstError('channel.add', { platform: 'myspace', handle: '@x' })).toMatchObject({ field: 'platform', message: expect.stringContaining('must be one of x, facebook') });
    expect(firstError('person.markLeft', { email: 'a@b.example', on: '2026-02-30' })).toMatchObject({ field: 'on' });
    expect(firstError('school.add', { name: 'S', code: 'ppa', extra: 1 })).toMatchObject({ message: expect.stringContaining('unknown field extra') });
    expect(firstError('person.add', { name: 'A', email: 'a@b.example', role: 'slt' })).toMatchObject({ field: 'school' });
  });

  it('never echoes a secret value in a validation message', () => {
    const secret = 'hunter2-very-secret-value';
    const error = firstError('secret.set', { channel: 'x:@a', kind: 'pin', value: secret });
    expect(JSON.stringify(error)).not.toContain(secret);
    const tooLong = firstError('secret.set', { channel: 'x:@a', kind: 'password', value: secret.repeat(4000) });
    expect(tooLong.message).not.toContain(secret);
  });

  it('knows only its own methods', () => {
    expect(isMethodName('audit.verify')).toBe(true);
    expect(isMethodName('constructor')).toBe(false);
    expect(isMethodName('__proto__')).toBe(false);
    expect(isMethodName(42)).toBe(false);
  });

  it('reads CHANNEL as platform:handle (any case, @ optional) or an id', () => {
    expect(parseChannelRef('x:@SHINEatPPA')).toEqual({ platform: 'x', key: 'shineatppa' });
    expect(parseChannelRef('X:shineatppa')).toEqual({ platform: 'x', key: 'shineatppa' });
    expect(parseChannelRef('facebook:West Craven  High School')).toEqual({ platform: 'facebook', key: 'west craven high school' });
    expect(parseChannelRef('12')).toEqual({ id: 12 });
    expect(parseChannelRef('tiktok:@a')).toBeNull();
    expect(parseChannelRef('x:')).toBeNull();
    expect(parseChannelRef('@a')).toBeNull();
  });

  it('lets only admins change the register, and every role read channels', () => {
    for (const method of ['secret.set', 'totp.importQr', 'access.grant', 'access.revoke', 'person.add', 'channel.add', 'channel.update', 'school.add'] as const) {
      expect(contract[method].access).toEqual(['admin']);
    }
    expect(contract['channel.list'].access).toEqual(['admin', 'auditor', 'poster']);
    expect(contract['audit.list'].access).toEqual(['admin', 'auditor']);
  });
});

describe('training and calendar inputs', () => {
  it('checks training records at the door, naming the field', () => {
    expect(contract['training.record'].input.safeParse({ email: 'A@B.example', on: '2026-11-02' })).toMatchObject({ success: true, data: { email: 'a@b.example' } });
    expect(firstError('training.record', { email: 'a@b.example', on: '2026-02-30' })).toMatchObject({ field: 'on', message: 'The date must be a date written YYYY-MM-DD.' });
    expect(firstError('training.record', { email: 'a@b.example', on: '2026-11-02', trainer: 'nobody' })).toMatchObject({ field: 'trainer', message: expect.stringContaining("The trainer's email address") });
    expect(firstError('training.record', { email: 'a@b.example', on: '2026-11-02', note: 'x'.repeat(501) })).toMatchObject({ field: 'note' });
    expect(contract['training.record'].access).toEqual(['admin']);
    expect(contract['training.list'].access).toEqual(['admin', 'auditor']);
  });

  it('takes a calendar scope as TRUST or a school code, and files as text within their limits', () => {
    expect(contract['calendar.show'].input.parse({ scope: 'trust' })).toEqual({ scope: 'TRUST' });
    expect(contract['calendar.show'].input.parse({ scope: 'ppa' })).toEqual({ scope: 'PPA' });
    expect(firstError('calendar.show', { scope: 'not a code!' })).toMatchObject({ field: 'scope', message: expect.stringContaining('The calendar must be a school code') });
    expect(firstError('calendar.importTerms', { scope: 'PPA', csv: '   \n' })).toMatchObject({ field: 'csv', message: 'The CSV file is empty.' });
    expect(firstError('calendar.importTerms', { scope: 'PPA', csv: 'x'.repeat(200 * 1024 + 1) })).toMatchObject({ field: 'csv', message: expect.stringContaining('200 KB') });
    expect(contract['calendar.importBankHolidays'].input.parse({ json: '{}' })).toEqual({ json: '{}', division: 'england-and-wales' });
    expect(firstError('calendar.importBankHolidays', { json: '{}', division: 'wales' })).toMatchObject({ field: 'division' });
    expect(contract['calendar.importTerms'].access).toEqual(['admin']);
    expect(contract['calendar.importBankHolidays'].access).toEqual(['admin']);
    expect(contract['calendar.show'].access).toEqual(['admin', 'auditor', 'poster']);
  });
});

describe('inbox and monitoring inputs', () => {
  it('checks inbox items at the door, naming the field', () => {
    const item = { channel: 'x:@SHINEatPPA', kind: 'complaint', received: '2026-10-23T14:00:00Z', summary: 'Parent unhappy about the trip letter' };
    expect(contract['inbox.add'].input.safeParse(item).success).toBe(true);
    expect(firstError('inbox.add', { ...item, kind: 'rant' })).toMatchObject({ field: 'kind', message: 'The kind must be one of comment, query, complaint, concern, pupil-contact.' });
    expect(firstError('inbox.add', { ...item, received: '2026-10-23' })).toMatchObject({ field: 'received', message: expect.stringContaining('The time it was received must be a date and time') });
    expect(firstError('inbox.add', { ...item, summary: '   ' })).toMatchObject({ field: 'summary', message: 'The summary must not be empty.' });
    expect(firstError('inbox.add', { ...item, summary: 'x'.repeat(501) })).toMatchObject({ field: 'summary', message: 'The summary must be at most 500 characters.' });
    expect(firstError('inbox.add', { ...item, from: 'x'.repeat(101) })).toMatchObject({ field: 'from' });
    expect(firstError('inbox.respond', { id: 0, how: 'answered' })).toMatchObject({ field: 'id' });
    expect(firstError('inbox.respond', { id: 3, how: 'ignored' })).toMatchObject({ field: 'how', message: 'How it was answered must be one of acknowledged, answered, referred.' });
    expect(firstError('inbox.respond', { id: 3, how: 'answered', note: 'n'.repeat(501) })).toMatchObject({ field: 'note' });
  });

  it('refuses a coverage range that ends before it starts or spans more than a year', () => {
    expect(contract['monitor.coverage'].input.safeParse({}).success).toBe(true);
    expect(contract['monitor.coverage'].input.safeParse({ from: '2026-01-01', to: '2027-01-01' }).success).toBe(true); // 366 days
    expect(contract['monitor.coverage'].input.safeParse({ from: '2028-01-01', to: '2028-12-31' }).success).toBe(true);
    expect(firstError('monitor.coverage', { from: '2026-11-20', to: '2026-11-19' })).toMatchObject({ field: 'to', message: '"To" must not be before the start date.' });
    expect(firstError('monitor.coverage', { from: '2026-01-01', to: '2027-01-02' })).toMatchObject({ field: 'to' });
    expect(firstError('monitor.coverage', { from: '2026-02-30' })).toMatchObject({ field: 'from' });
  });

  it('lets admins and posters log and respond, every role read, and only admins sweep', () => {
    for (const method of ['inbox.add', 'inbox.respond', 'monitor.check'] as const) expect(contract[method].access).toEqual(['admin', 'poster']);
    for (const method of ['inbox.list', 'notification.list', 'monitor.coverage'] as const) expect(contract[method].access).toEqual(['admin', 'auditor', 'poster']);
    expect(contract['inbox.notify'].access).toEqual(['admin']);
  });
});

describe('consent register and incident inputs', () => {
  it('checks consent entries at the door: a name or initials, a closed set of reasons, from before to', () => {
    const entry = { school: 'ppa', name: ' J.S. ', reason: 'withdrawn' };
    expect(contract['consent.add'].input.parse(entry)).toEqual({ school: 'PPA', name: 'J.S.', reason: 'withdrawn' });
    expect(firstError('consent.add', { ...entry, reason: 'shy' })).toMatchObject({ field: 'reason', message: 'The reason must be one of no-consent, withdrawn, safeguarding, not-filmed.' });
    expect(firstError('consent.add', { ...entry, name: 'x'.repeat(101) })).toMatchObject({ field: 'name', message: expect.stringContaining('at most 100') });
    expect(firstError('consent.add', { ...entry, class: 'x'.repeat(41) })).toMatchObject({ field: 'class', message: 'The class must be at most 40 characters.' });
    expect(firstError('consent.add', { ...entry, note: 'x'.repeat(301) })).toMatchObject({ field: 'note' });
    expect(firstError('consent.add', { ...entry, from: '2026-02-30' })).toMatchObject({ field: 'from' });
    expect(firstError('consent.add', { ...entry, from: '2026-11-20', to: '2026-11-19' })).toMatchObject({ field: 'to', message: '"To" must not be before the start date.' });
    expect(contract['consent.add'].input.safeParse({ ...entry, from: '2026-11-20', to: '2026-11-20' }).success).toBe(true);
    expect(firstError('consent.list', {})).toMatchObject({ field: 'school' });
    expect(firstError('consent.remove', { id: 0 })).toMatchObject({ field: 'id' });
  });

  it('checks incidents at the door: kinds, actions, escalations, and at least one change', () => {
    expect(contract['incident.add'].input.safeParse({ channel: 'x:@SHINEatPPA', summary: 'Abusive reply to the sports day post' }).success).toBe(true);
    expect(firstError('incident.add', { channel: 'x:@SHINEatPPA', summary: 's', kind: 'spam' })).toMatchObject({ field: 'kind' });
    expect(firstError('incident.add', { channel: 'x:@SHINEatPPA', summary: 's', inbox: -1 })).toMatchObject({ field: 'inbox', message: 'The inbox item must be at least 1.' });
    expect(firstError('incident.update', { id: 1, action: 'mute' })).toMatchObject({ field: 'action', message: 'The action must be one of hide, delete, block, report.' });
    expect(firstError('incident.update', { id: 1, escalate: 'governors' })).toMatchObject({ field: 'escalate' });
    expect(firstError('incident.update', { id: 1 })).toMatchObject({ message: expect.stringContaining('say what changed') });
    expect(firstError('incident.update', { id: 1, close: false })).toMatchObject({ field: 'close' });
  });

  it('takes evidence as a file name and base64 content, never a path', () => {
    const evidence = { id: 1, name: 'screenshot.png', mediaType: 'image/png', contentBase64: 'iVBORw0KGgo=' };
    expect(contract['incident.addEvidence'].input.safeParse(evidence).success).toBe(true);
    for (const name of ['../../etc/passwd', 'C:\\Users\\me\\shot.png', '/tmp/shot.png', '..', 'a..png']) {
      expect(firstError('incident.addEvidence', { ...evidence, name })).toMatchObject({ field: 'name', message: expect.stringContaining('file name only') });
    }
    expect(firstError('incident.addEvidence', { ...evidence, mediaType: 'text/html' })).toMatchObject({ field: 'mediaType' });
    expect(firstError('incident.addEvidence', { ...evidence, contentBase64: 'not base64!' })).toMatchObject({ field: 'contentBase64', message: 'The file content must be base64.' });
    expect(firstError('incident.addEvidence', { ...evidence, contentBase64: 'A'.repeat(20 * 1024 * 1024 + 4) })).toMatchObject({ field: 'contentBase64', message: expect.stringContaining('15 MB') });
    expect(firstError('incident.addEvidence', { ...evidence, path: '/etc/passwd' })).toMatchObject({ message: expect.stringContaining('unknown field path') });
  });

  it('opens the consent register to admins and auditors only (the core narrows auditors to their school), incidents to the working roles', () => {
    for (const method of ['consent.add', 'consent.remove'] as const) expect(contract[method].access).toEqual(['admin']);
    expect(contract['consent.list'].access).toEqual(['admin', 'auditor']);
    for (const method of ['incident.add', 'incident.addEvidence', 'incident.update'] as const) expect(contract[method].access).toEqual(['admin', 'poster']);
    expect(contract['incident.list'].access).toEqual(['admin', 'auditor', 'poster']);
  });
});

describe('post inputs', () => {
  const post = { channels: ['x:@SHINEatPPA'], text: 'Sports day!', outcome: 'Celebrate pupils and thank parents', pupils: 'none' };
  const jpegBase64 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]).toString('base64');

  it('checks a new post at the door: channels, an intended outcome, the pupils declaration, media with alt text, the time', () => {
    expect(contract['post.create'].input.safeParse(post).success).toBe(true);
    expect(contract['post.create'].input.safeParse({ ...post, at: 'now', checklist: { adultsConsented: true, rightsConfirmed: true, dosAndDontsAcknowledged: true } }).success).toBe(true);
    expect(firstError('post.create', { ...post, channels: [] })).toMatchObject({ field: 'channels', message: 'The channels must name at least one channel.' });
    expect(firstError('post.create', { ...post, channels: Array.from({ length: 16 }, (_, i) => String(i + 1)) })).toMatchObject({ field: 'channels' });
    expect(firstError('post.create', { ...post, channels: ['x:@SHINEatPPA', 'X:shineatppa'] })).toMatchObject({ field: 'channels', message: expect.stringContaining('same channel twice') });
    expect(firstError('post.create', { ...post, outcome: undefined })).toMatchObject({ field: 'outcome', message: 'The outcome is required.' });
    expect(firstError('post.create', { ...post, outcome: 'News' })).toMatchObject({ field: 'outcome', message: expect.stringContaining('specific intended outcomes') });
    expect(firstError('post.create', { ...post, text: '   ' })).toMatchObject({ field: 'text', message: 'The text must not be empty.' });
    expect(firstError('post.create', { ...post, text: 'a'.repeat(63_207) })).toMatchObject({ field: 'text' });
    expect(firstError('post.create', { ...post, pupils: 'some' })).toMatchObject({ field: 'pupils' });
    expect(contract['post.create'].input.safeParse({ ...post, pupils: { named: [3, 4] } }).success).toBe(true);
    expect(firstError('post.create', { ...post, pupils: { named: [] } })).toMatchObject({ field: 'pupils.named' });
    expect(firstError('post.create', { ...post, at: 'tomorrow' })).toMatchObject({ field: 'at' });
    const media = { name: 'photo.jpg', mediaType: 'image/jpeg', contentBase64: jpegBase64, alt: 'Pupils on the field' };
    expect(contract['post.create'].input.safeParse({ ...post, media: [media] }).success).toBe(true);
    expect(firstError('post.create', { ...post, media: [{ ...media, alt: undefined }] })).toMatchObject({ field: 'media.0.alt', message: expect.stringContaining('The alt text is required for an image') });
    expect(contract['post.create'].input.safeParse({ ...post, media: [{ ...media, mediaType: 'video/mp4', alt: undefined }] }).success).toBe(true);
    expect(firstError('post.create', { ...post, media: [{ ...media, name: '../../etc/passwd' }] })).toMatchObject({ field: 'media.0.name' });
    expect(firstError('post.create', { ...post, media: [{ ...media, mediaType: 'application/pdf' }] })).toMatchObject({ field: 'media.0.mediaType' });
    expect(firstError('post.create', { ...post, media: [{ ...media, path: '/tmp/x.jpg' }] })).toMatchObject({ message: expect.stringContaining('unknown field path') });
    expect(firstError('post.create', { ...post, checklist: { adultsConsented: 'yes', rightsConfirmed: true, dosAndDontsAcknowledged: true } })).toMatchObject({
      field: 'checklist.adultsConsented',
    });
  });

  it('approves only with the approver’s confirmation, and edits only with something to change', () => {
    expect(contract['post.approve'].input.safeParse({ id: 1, checklist: { confirmed: true } }).success).toBe(true);
    expect(firstError('post.approve', { id: 1, checklist: { confirmed: false } })).toMatchObject({ field: 'checklist.confirmed' });
    expect(firstError('post.approve', { id: 1 })).toMatchObject({ field: 'checklist' });
    expect(firstError('post.update', { id: 1 })).toMatchObject({ message: expect.stringContaining('say what changed') });
    expect(contract['post.update'].input.safeParse({ id: 1, at: null }).success).toBe(true);
    expect(firstError('post.list', { status: 'published' })).toMatchObject({ field: 'status' });
  });

  it('lets posters and admins compose, approve and cancel, only admins delete, every role list', () => {
    for (const method of ['post.create', 'post.update', 'post.approve', 'post.cancel'] as const) expect(contract[method].access).toEqual(['admin', 'poster']);
    expect(contract['post.delete'].access).toEqual(['admin']);
    expect(contract['post.list'].access).toEqual(['admin', 'auditor', 'poster']);
  });
  it('publishing: connect with a one-line token and a platform id, retry and run a pass, all for admins only', () => {
    for (const method of ['post.retry', 'channel.connect', 'scheduler.runOnce'] as const) expect(contract[method].access).toEqual(['admin']);
    const connect = { channel: 'x:@pendleeducation', token: 'tok-123', accountId: '1500000000000000001' };
    expect(contract['channel.connect'].input.safeParse(connect).success).toBe(true);
    // An API address is the command line's own method: the window's connect does not take one.
    expect(contract['channel.connect'].input.safeParse({ ...connect, apiBase: 'https://proxy.example.org/x' }).success).toBe(false);
    expect(contract['channel.connectVia'].input.safeParse({ ...connect, apiBase: 'https://proxy.example.org/x' }).success).toBe(true);
    expect(contract['channel.connectVia'].callers).toEqual(['cli']);
    expect(firstError('channel.connect', { ...connect, token: '   ' })).toMatchObject({ field: 'token' });
    expect(firstError('channel.connect', { ...connect, token: 'a\nb' })).toMatchObject({ field: 'token' });
    expect(firstError('channel.connect', { ...connect, accountId: 'has space' })).toMatchObject({ field: 'accountId' });
    expect(firstError('channel.connect', { ...connect, secret: 'x' })).toBeDefined();
    expect(contract['post.retry'].input.safeParse({ id: 3 }).success).toBe(true);
    expect(firstError('post.retry', { id: 0 })).toMatchObject({ field: 'id' });
    expect(contract['scheduler.runOnce'].input.safeParse({}).success).toBe(true);
  });
});
