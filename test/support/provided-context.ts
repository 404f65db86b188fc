// What vitest's global setup hands the test files through provide/inject, typed once.
declare module 'vitest' {
  export interface ProvidedContext {
    /** The app built for this run by test/support/built-app.ts. */
    builtAppDir: string;
  }
}

export {};
