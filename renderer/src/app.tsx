import { useEffect, useState } from 'preact/hooks';
import { tiger } from './tiger';

export function App() {
  const [about, setAbout] = useState<string>('');
  useEffect(() => {
    tiger()
      .appInfo()
      .then((info) => setAbout(`${info.name} ${info.version} on ${info.platform}`))
      .catch((error: unknown) => setAbout(`Could not reach the app: ${String(error)}`));
  }, []);
  return (
    <main>
      <h1>TigerDesk</h1>
      <p role="status">{about}</p>
    </main>
  );
}
