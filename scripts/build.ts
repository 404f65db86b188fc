// `npm run build`: the app's bundles into dist/ (see app-build.ts).
import { buildApp } from './app-build';

const outdir = 'dist';
await buildApp(outdir);
console.log(`built ${outdir}/main/index.cjs, ${outdir}/preload/index.cjs, ${outdir}/sandbox/utility.cjs and ${outdir}/renderer/`);
