import { useSignalEffect } from '@preact/signals';
import { useApp } from './app-context';

/** Puts the chosen theme on <html data-theme>, following the system when asked to. */
export function useTheme(): void {
  const app = useApp();
  useSignalEffect(() => {
    const choice = app.settings.settings.value?.theme ?? 'system';
    const root = document.documentElement;
    if (choice !== 'system') {
      root.dataset.theme = choice;
      return;
    }
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const follow = () => (root.dataset.theme = query.matches ? 'dark' : 'light');
    follow();
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  });
}
