// The only door to main: `window.tiger`, typed by the contract.
import type { TigerApi } from '../../preload/contract';

declare global {
  interface Window {
    tiger: TigerApi;
  }
}

export const tiger = (): TigerApi => window.tiger;
