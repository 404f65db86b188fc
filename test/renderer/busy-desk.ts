// A desk in the middle of a shift, for tests that look at every part of the window at once:
// several organizations, a pinned, a muted and a list conversation, a thread holding a message in
// every state (urgent, read, failed, queued, with a picture, expiring, recalled, forwarded), the
// connection down, the outbox holding work, an urgent alert and the keychain's fallback in use.
// `data` is every string in it that is the user's or the server's, not the app's words.
import { languageNames } from '../../i18n/languages';
import { lockState, organizationView, personView, saying } from '../support/view-builders';
import { account, conversation, createFakeTiger, message } from './fake-tiger';
import type { FakeTiger } from './fake-tiger';

const now = Date.now();
const hospital = organizationView('org-tgh', 'Tiger General Hospital');
const clinic = organizationView('org-nsc', 'Northside Clinic');

export function busyDesk(): { fake: FakeTiger; data: string[] } {
  const fake = createFakeTiger({
    session: { kind: 'signed-in', account, lock: lockState() },
    settings: { secretStorage: 'safe-storage', doNotDisturbText: 'In surgery until 3' },
  });
  fake.organizations = [hospital, clinic];
  fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', lastActivity: now, unread: 2, unreadPriority: 1, organizationKey: 'org-tgh', pinned: true }));
  fake.conversations.set('g-icu', conversation('g-icu', { kind: 'group', name: 'ICU night team', lastActivity: now - 86_400_000, organizationKey: 'org-tgh', mutedUntil: now + 3_600_000 }));
  fake.conversations.set('l-night', conversation('l-night', { kind: 'list', name: 'Night shift nurses', lastActivity: now - 10 * 86_400_000, unread: 0, organizationKey: 'org-nsc' }));
  fake.people.push(
    personView({ token: 'u-ann', name: 'Ann Lee', title: 'Registrar', department: 'Cardiology', presence: 'available', dnd: true }),
    personView({ token: 'u-dan', name: 'Dan Ito', title: 'Charge nurse', department: 'ICU', presence: 'unavailable' }),
  );
  fake.messages.push(
    message('m1', 'u-ann', { senderToken: 'u-ann', senderName: 'Ann Lee', body: 'Bed 4 needs a review', createdAt: now - 7_200_000, priority: 'high', readByMe: false }),
    message('m2', 'u-ann', { outgoing: true, senderToken: 'me', senderName: 'Dr Ada Park', body: 'On it', createdAt: now - 7_000_000, status: 'read' }),
    message('m3', 'u-ann', { outgoing: true, senderToken: 'me', senderName: 'Dr Ada Park', body: 'Labs attached', createdAt: now - 6_000_000, status: 'failed', failureReason: saying('Recipient not found'), token: null }),
    message('m4', 'u-ann', { outgoing: true, senderToken: 'me', senderName: 'Dr Ada Park', body: 'Queued note', createdAt: now - 5_000_000, status: 'queued', token: null }),
    message('m5', 'u-ann', { senderToken: 'u-ann', senderName: 'Ann Lee', body: 'Scan', createdAt: now - 4_000_000, attachment: { name: 'scan.png', contentType: 'image/png', size: 120_000 } }),
    message('m6', 'u-ann', { senderToken: 'u-ann', senderName: 'Ann Lee', body: 'Expiring soon', createdAt: now - 3_000_000, expiresAt: now + 7 * 86_400_000, deleteOnRead: true }),
    message('m7', 'u-ann', { senderToken: 'u-ann', senderName: 'Ann Lee', body: '', createdAt: now - 2_000_000, recalled: true }),
    message('m8', 'u-ann', { senderToken: 'u-ann', senderName: 'Ann Lee', body: 'Forwarded result', createdAt: now - 1_000_000, forwardedFrom: { senderToken: 'u-dan', senderName: 'Dan Ito', sentAt: now - 9_000_000 } }),
  );
  fake.connection = { kind: 'offline', nextRetryAt: now + 30_000, reason: saying('network down') };
  fake.outbox = { queued: 1, failed: 1, paused: false };
  fake.urgentAlerts = [{ messageId: 'm1', conversationId: 'u-ann', conversationKind: 'user', conversationName: 'Ann Lee', senderName: 'Ann Lee', preview: 'Bed 4 needs a review', sentAt: now - 7_200_000 }];
  const data = [
    account.displayName, account.server, hospital.name, clinic.name,
    'Ann Lee', 'ICU night team', 'Night shift nurses', 'Dan Ito', 'Registrar', 'Cardiology', 'Charge nurse', 'ICU',
    'Bed 4 needs a review', 'On it', 'Labs attached', 'Queued note', 'Scan', 'scan.png', 'Expiring soon', 'Forwarded result',
    'Recipient not found', 'network down', 'In surgery until 3', ...fake.settings.quickReplies,
    // Initials on avatars, and the attachment's type as its file names it.
    'AL', 'IT', 'NN', 'DI', 'DP', 'PNG',
    // Each language's own name in the language list, the same whatever the window speaks.
    ...Object.values(languageNames),
  ];
  return { fake, data };
}
