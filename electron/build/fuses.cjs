// electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before it is signed.
// Also a check for CI on a packaged app: node electron/build/fuses.cjs --check <path to the executable>
'use strict'
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script run by Node and electron-builder */
const { FuseV1Options, FuseVersion, getCurrentFuseWire } = require('@electron/fuses')

/** A fuse is one byte of the wire: ASCII '1' when enabled (FuseState.ENABLE, not exported by the package). */
const FUSE_ENABLED = '1'.charCodeAt(0)

/** The fuses the packaged app must carry (Electron security checklist item 19). */
const EXPECTED_FUSES = Object.freeze({
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false,
})

/** The @electron/fuses configuration for a platform. */
function fuseConfig(electronPlatformName) {
  const config = {
    version: FuseVersion.V1,
    // Flipping fuses breaks the ad-hoc signature of an unsigned macOS build; re-sign it ad hoc.
    resetAdHocDarwinSignature: electronPlatformName === 'darwin',
  }
  for (const [name, enabled] of Object.entries(EXPECTED_FUSES)) config[FuseV1Options[name]] = enabled
  return config
}

async function afterPack(context) {
  // electron-builder's own helper knows each platform's executable name and path.
  await context.packager.addElectronFuses(context, fuseConfig(context.electronPlatformName))
}

/** Differences between the fuses of a packaged executable and EXPECTED_FUSES, as readable lines. */
async function fuseMismatches(executablePath) {
  const wire = await getCurrentFuseWire(executablePath)
  return Object.entries(EXPECTED_FUSES)
    .filter(([name, expected]) => (wire[FuseV1Options[name]] === FUSE_ENABLED) !== expected)
    .map(([name, expected]) => `${name}: expected ${expected ? 'on' : 'off'}`)
}

module.exports = afterPack
module.exports.default = afterPack
module.exports.EXPECTED_FUSES = EXPECTED_FUSES
module.exports.fuseConfig = fuseConfig
module.exports.fuseMismatches = fuseMismatches

if (require.main === module && process.argv[2] === '--check' && process.argv[3]) {
  fuseMismatches(process.argv[3]).then((mismatches) => {
    if (mismatches.length === 0) console.log('fuses: all as expected')
    else console.error(`fuses differ:\n${mismatches.join('\n')}`)
    process.exitCode = mismatches.length === 0 ? 0 : 1
  })
}
