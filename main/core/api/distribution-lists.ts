/** Distribution lists: a list's name and size (API.md, "Beyond the seed"). Sending to one is an ordinary send to its token. */
import { exchangeForReply, inOrganization, segment } from './http';
import type { CallOptions, Connection } from './http';
import { distributionListSchema } from './schemas';
import type { DistributionList } from './types';

export function distributionListOperations(connection: Connection) {
  return {
    async getDistributionList(token: string, options: CallOptions = {}): Promise<DistributionList> {
      const path = `/dist_list/${segment('getDistributionList', 'token', token)}/`;
      return exchangeForReply(
        connection,
        { operation: 'getDistributionList', method: 'GET', path, ...inOrganization(options), signal: options.signal },
        distributionListSchema,
      );
    },
  };
}
