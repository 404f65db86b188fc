/**
 * The renderer's security settings that DESIGN.md requires ("Renderer is a sandbox"). They are
 * written out here, apart from main/shell/main-window.ts, on purpose: an expectation read from
 * the code under test could never fail, while this one fails as soon as that code weakens one.
 */
export const requiredWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
} as const;
