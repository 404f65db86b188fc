import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openAccountStore } from '../../main/core/account/account-store';
import { createLogger } from '../../main/core/log/logger';
import type { LogRecord } from '../../main/core/log/logger';
import { useTempFolder } from '../support/temp-folder';

const dir = useTempFolder('tigerdesk-account-store-');

describe("an account's database as it is opened", () => {
  it('is rewritten once when a migration asks for it, and not at the next open', async () => {
    const records: LogRecord[] = [];
    const log = createLogger('account', (record) => records.push(record));
    const options = { dir: dir(), key: randomBytes(32).toString('hex'), log };
    const first = await openAccountStore(options);
    expect(first.store.settings.get('store.rewrite-requested')).toBeUndefined();
    first.store.close();
    const second = await openAccountStore(options);
    second.store.close();
    expect(records.map((record) => record.message)).toEqual(['the database was rewritten once, so that nothing erased earlier stays in its free pages']);
  });
});
