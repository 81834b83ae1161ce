// Stands in for `archiver` in the bundles (scripts/bundle.js, scripts/jest-bundles.js). cdktf loads
// archiver (~200 modules with its dependencies) on start only to zip TerraformAsset directories; no
// stack here has an asset, and leaving it out makes the synth bundle a fifth smaller and every synth
// ~5% faster. Should an asset ever be added, this says why it fails instead of zipping.
module.exports = function archiver() {
  throw new Error('okta-log-streaming bundles cdktf without archiver: TerraformAsset is not supported (scripts/archiver-unavailable.js)');
};
