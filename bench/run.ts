/** `npm run bench [-- --quick] [--out FILE]`: measures and writes docs/benchmarks.md (or FILE). */
import path from 'node:path';
import { BENCHMARKS_DOC, runBenchmarks } from './benchmarks.js';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outFile = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : BENCHMARKS_DOC;
console.log(await runBenchmarks({ quick: args.includes('--quick'), outFile }));
console.log(`written to ${path.relative(process.cwd(), outFile)}`);
