// Builds web/dist from web/src with esbuild: uploader.js (a minified ES module with GOV.UK
// Frontend's scripts), uploader.css (GOV.UK Frontend's styles and ours) and GOV.UK Frontend's
// fonts and images in dist/assets. dss serve serves dist/* at /static/* and dist/assets/* at
// /assets/*, which is where GOV.UK Frontend's stylesheet looks for its fonts and images.
import { cpSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'

const here = dirname(fileURLToPath(import.meta.url))
const dist = join(here, 'dist')

rmSync(dist, { recursive: true, force: true })
mkdirSync(dist, { recursive: true })

const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: ['src/uploader.js', 'src/uploader.css'],
  outdir: dist,
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  format: 'esm',
  target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
  // govuk-frontend's CSS asks for /assets/fonts/... and /assets/images/...: served as they are.
  external: ['/assets/*'],
  // Warnings are filtered below: govuk-frontend's CSS keeps an old IE hack that esbuild flags.
  logLevel: 'error'
})

const ours = result.warnings.filter((warning) => !warning.location?.file.includes('node_modules/'))
if (ours.length > 0) {
  const text = await esbuild.formatMessages(ours, { kind: 'warning', color: process.stderr.isTTY })
  process.stderr.write(text.join(''))
}

cpSync(join(here, 'node_modules/govuk-frontend/dist/govuk/assets'), join(dist, 'assets'), {
  recursive: true
})

const sizes = ['uploader.js', 'uploader.css']
  .map((name) => `${name} ${(statSync(join(dist, name)).size / 1024).toFixed(1)} KiB`)
  .join(', ')
console.log(`web: built ${relative(join(here, '..'), dist)} (${sizes}, assets)`)
